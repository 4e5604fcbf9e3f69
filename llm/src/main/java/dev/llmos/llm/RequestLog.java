package dev.llmos.llm;

import dev.llmos.llm.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * what {@code -vv} shows of each model request and answer: every message, secrets redacted, file
 * contents and output streams replaced by their length, long texts cut, and the system prompt (the
 * same every time) by its size. a log is read by more people than the conversation, so it shows less.
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    /** json string fields that carry file contents or program output. */
    private static final Pattern CONTENTS = Pattern.compile(
            "(\"(?:content|stdout|stderr|data|text|excerpt)\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_CHARS = 2000;

    private final Redactor redactor;

    RequestLog(Redactor redactor) {
        this.redactor = redactor;
    }

    void request(String where, List<Message> messages, int answer) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append("\n  ").append(m.role().wire()).append(": ");
            sb.append(m.role() == Message.Role.SYSTEM ? "[the prompt kernel, " + m.text().length() + " characters]" : view(m.text()));
        }
        LOG.debug("request {} to {} ({} messages):{}", answer, where, messages.size(), sb);
    }

    void answer(String where, String text) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("answer from {} ({} characters):\n  {}", where, text.length(), view(text));
        }
    }

    /** contents hidden (by their real length), then secrets redacted, then cut. */
    String view(String text) {
        Matcher m = CONTENTS.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(value.length() <= 16 ? m.group()
                    : m.group(1) + "\"[" + value.length() + " characters not logged]\""));
        }
        m.appendTail(sb);
        String out = redactor.redact(sb.toString()).replace("\n", "\n  ");
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) + "... [" + (out.length() - MAX_CHARS) + " more characters]" : out;
    }
}
