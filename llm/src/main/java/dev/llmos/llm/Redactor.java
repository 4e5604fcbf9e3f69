package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * hides secrets in results before they reach the model. a pattern with a group named {@code secret}
 * replaces only that group (so {@code password=[REDACTED]} keeps its key); without one the whole
 * match goes. the defaults always apply; the config adds to them.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    /** pem and openssh private keys, also when an output cap cut the block before its end line. */
    public static final List<String> DEFAULTS = List.of(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\\s\\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\\z)",
            // http authorization headers (the rest of the line) and bearer tokens anywhere
            "(?i)\\bauthorization\\s*[:=]\\s*(?<secret>[^\\r\\n]+)",
            "(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})",
            // secrets given as a separate command-line argument
            "(?i)(^|\\s)--?(password|passwd|pass|token|api-key|secret)\\s+(?<secret>\\S+)",
            // key=value and key: value for the usual secret names
            "(?i)\\b[a-z0-9_.-]*(password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[a-z0-9_.-]*[\"']?\\s*[:=]\\s*[\"']?(?<secret>[^\\s\"',;]+)",
            // well-known key shapes: openai, anthropic, github, gitlab, slack, aws, google
            "\\b(sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})\\b",
            // shadow-file lines: the hash field of user:$id$salt$hash:...
            "(?m)^[^:\\s]+:(?<secret>\\$[^:\\n]+):",
            // urls with a password: scheme://user:pass@host
            "\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:(?<secret>[^/\\s@]+)@");

    private final List<Pattern> patterns;

    private Redactor(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** the defaults plus {@code extra}; a pattern that does not compile is an error naming it. */
    public static Redactor withDefaultsAnd(List<String> extra) {
        List<Pattern> all = new ArrayList<>();
        for (String p : DEFAULTS) {
            all.add(Pattern.compile(p));
        }
        for (String p : extra) {
            try {
                all.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw new ModelConfigLoader.ConfigException("redact pattern does not compile: " + p + " (" + e.getDescription() + ")", e);
            }
        }
        return new Redactor(all);
    }

    public String redact(String text) {
        String out = text;
        for (Pattern p : patterns) {
            out = apply(p, out);
        }
        return out;
    }

    /** a copy of {@code node} with every string value (not the keys) redacted. */
    public JsonNode redact(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(redact(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode out = ((ObjectNode) node).objectNode();
            node.properties().forEach(f -> out.set(f.getKey(), redact(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = ((ArrayNode) node).arrayNode();
            node.forEach(e -> out.add(redact(e)));
            return out;
        }
        return node;
    }

    private static String apply(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        boolean group = p.pattern().contains("(?<secret>");
        StringBuilder sb = new StringBuilder();
        int last = 0;
        do {
            if (group && m.start("secret") >= 0) {
                sb.append(text, last, m.start("secret")).append(MASK);
                last = m.end("secret");
            } else {
                sb.append(text, last, m.start()).append(MASK);
                last = m.end();
            }
        } while (m.find());
        return sb.append(text, last, text.length()).toString();
    }
}
