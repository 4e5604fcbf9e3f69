package dev.llmos.cli.ask;

import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.run.ConfirmPrompt;
import dev.llmos.llm.Mode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * the interactive shell: one prompt a line, each carried out as {@code llmsh ask} would, in one
 * conversation, with one model client (so a server started on demand stays warm between prompts).
 * at a terminal lines come from a line editor ({@link Editor}); piped, from stdin. confirmation
 * questions read the same source, so an answer typed for a question is never taken for the next prompt.
 */
public final class Shell {

    static final String HELP = """
            say what you want done, in plain words; each plan is shown and decided by policy before anything runs.
              :plan REQUEST   only plan: the model answers in prose and nothing executes
              :new            start a new conversation
              :history        the last prompts
              :q, exit        leave""";

    private final Session session;
    private final LineSource lines;
    private final Io io;

    private Shell(Session session, LineSource lines, Io io) {
        this.session = session;
        this.lines = lines;
        this.io = io;
    }

    /** runs the shell until :q or the end of stdin; {@code yes} approves CONFIRM actions without asking. */
    public static int start(RootCommand root, ModelOptions options, boolean yes) {
        Io io = root.context().io();
        Settings settings = Wiring.settings(root);
        History history = History.in(settings.stateDir(), io.err());
        ConfirmPrompt.Mode confirm = yes ? ConfirmPrompt.Mode.YES
                : io.interactive() ? ConfirmPrompt.Mode.ASK : ConfirmPrompt.Mode.NOBODY;
        try (LineSource lines = io.editable()
                ? Editor.open(history.created().file(), () -> Wiring.registry().types())
                : new PlainLines(new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)), io.out(), history);
             Session session = Session.open(root, settings, options, new Session.Behaviour(false, confirm, true), lines.answers())) {
            return new Shell(session, lines, io).loop();
        }
    }

    private int loop() {
        PrintWriter out = io.out();
        out.println("llmsh shell, model: " + session.model());
        out.println(HELP);
        while (true) {
            out.println();
            out.flush();
            String line = lines.readLine("llmsh> ");
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
            lines.history(20).forEach(h -> out.println("  " + h));
        } else if (line.startsWith(":plan ") && !line.substring(6).isBlank()) {
            lines.remember(line);
            ask(line.substring(6).strip(), Mode.PLANONLY);
        } else if (line.startsWith(":")) {
            out.println("unknown command " + line.split("\\s+")[0] + "; :help lists them");
        } else {
            lines.remember(line);
            ask(line, Mode.AUTO);
        }
        out.flush();
    }

    /**
     * one request, on its own thread so ctrl-c can interrupt it: the model call stops and the shell
     * comes back to its prompt. a plan step already running is stopped by its own run's cancel path.
     */
    private void ask(String prompt, Mode mode) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread worker = Thread.ofPlatform().name("llmsh-request").unstarted(() -> request(prompt, mode, cancelled));
        try (AutoCloseable ignored = lines.onInterrupt(() -> {
            cancelled.set(true);
            worker.interrupt();
        })) {
            worker.start();
            worker.join();
        } catch (Exception e) {
            io.err().println("llmsh: " + e.getMessage());
        }
        if (cancelled.get()) {
            io.err().println("llmsh: request cancelled");
        }
        io.err().flush();
    }

    private void request(String prompt, Mode mode, AtomicBoolean cancelled) {
        try {
            AskResult result = session.ask(prompt, mode);
            if (result.error() != null && !cancelled.get()) {
                io.err().println("llmsh: " + result.error());
            }
        } catch (RuntimeException e) {
            // a broken policy or a lost daemon ends this request, not the shell
            if (!cancelled.get()) {
                io.err().println("llmsh: " + e.getMessage());
            }
        }
        io.out().flush();
    }
}
