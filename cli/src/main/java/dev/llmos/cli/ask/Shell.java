package dev.llmos.cli.ask;

import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.run.ConfirmPrompt;
import dev.llmos.llm.Mode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * the interactive shell: one prompt a line, each carried out as {@code llmsh ask} would, in one
 * conversation, with one model client (so a server started on demand stays warm between prompts).
 * stdin is read through one reader, shared with the confirmation questions, so an answer typed
 * for a question is never taken for the next prompt.
 */
public final class Shell {

    static final String HELP = """
            say what you want done, in plain words; each plan is shown and decided by policy before anything runs.
              :plan REQUEST   only plan: the model answers in prose and nothing executes
              :new            start a new conversation
              :history        the last prompts
              :q, exit        leave""";

    private final Session session;
    private final History history;
    private final BufferedReader in;
    private final Io io;

    private Shell(Session session, History history, BufferedReader in, Io io) {
        this.session = session;
        this.history = history;
        this.in = in;
        this.io = io;
    }

    /** runs the shell until :q or the end of stdin; {@code yes} approves CONFIRM actions without asking. */
    public static int start(RootCommand root, ModelOptions options, boolean yes) {
        Io io = root.context().io();
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        ConfirmPrompt.Mode confirm = yes ? ConfirmPrompt.Mode.YES
                : io.interactive() ? ConfirmPrompt.Mode.ASK : ConfirmPrompt.Mode.NOBODY;
        try (Session session = Session.open(root, options, new Session.Behaviour(false, confirm, true), in)) {
            Settings settings = Settings.resolve(root.globals().flags(), root.context().env());
            return new Shell(session, History.in(settings.stateDir(), io.err()), in, io).loop();
        }
    }

    private int loop() {
        PrintWriter out = io.out();
        out.println("llmsh shell, model: " + session.model());
        out.println(HELP);
        while (true) {
            out.println();
            out.print("llmsh> ");
            out.flush();
            String line = readLine();
            if (line == null) {
                out.println();
                break;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (List.of(":q", ":quit", "exit", "quit").contains(line)) {
                break;
            }
            command(line);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void command(String line) {
        PrintWriter out = io.out();
        if (line.equals(":help") || line.equals("help")) {
            out.println(HELP);
        } else if (line.equals(":new")) {
            session.forget();
            out.println("new conversation");
        } else if (line.equals(":history")) {
            history.last(20).forEach(h -> out.println("  " + h));
        } else if (line.startsWith(":plan ") && !line.substring(6).isBlank()) {
            history.add(line);
            ask(line.substring(6).strip(), Mode.PLANONLY);
        } else if (line.startsWith(":")) {
            out.println("unknown command " + line.split("\\s+")[0] + "; :help lists them");
        } else {
            history.add(line);
            ask(line, Mode.AUTO);
        }
        out.flush();
    }

    private void ask(String prompt, Mode mode) {
        try {
            AskResult result = session.ask(prompt, mode);
            if (result.error() != null) {
                io.err().println("llmsh: " + result.error());
            }
        } catch (RuntimeException e) {
            // a broken policy or a lost daemon ends this request, not the shell
            io.err().println("llmsh: " + e.getMessage());
        }
        io.err().flush();
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin: " + e.getMessage(), e);
        }
    }
}
