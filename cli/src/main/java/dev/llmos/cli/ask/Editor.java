package dev.llmos.cli.ask;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * the shell's line editor at a terminal: jline 3's reader (docs/decisions/0021) with emacs keys,
 * the persistent history in the state directory (ctrl-r searches it), tab completion of {@code :}
 * commands, action types and paths. ctrl-c at the prompt drops the line; ctrl-d on an empty line
 * leaves. only the shell loads this class, so other commands never load jline.
 */
final class Editor implements LineSource {

    private final Terminal terminal;
    private final LineReader reader;

    private Editor(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /** a line editor on the process's terminal, keeping history in {@code historyFile} (created owner-only by {@link History}). */
    static Editor open(Path historyFile, Supplier<Set<String>> actionTypes) {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build();
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("llmsh")
                    .history(new DefaultHistory())
                    .completer(new ShellCompleter(actionTypes))
                    .variable(LineReader.HISTORY_FILE, historyFile)
                    .variable(LineReader.HISTORY_SIZE, History.KEEP)
                    .variable(LineReader.HISTORY_FILE_SIZE, History.KEEP)
                    // plain lines, one a prompt, as the file was before the editor came
                    .option(LineReader.Option.HISTORY_TIMESTAMPED, false)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            return new Editor(terminal, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // ctrl-c at the prompt drops what was typed, as in bash; it does not leave
                continue;
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public BufferedReader answers() {
        // confirmations read the same terminal, line by line, once the editor has handed it back
        return new BufferedReader(terminal.reader());
    }

    @Override
    public List<String> history(int n) {
        List<String> lines = new ArrayList<>();
        reader.getHistory().forEach(e -> lines.add(e.line()));
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    @Override
    public void remember(String line) {
        // the reader adds each accepted line itself
    }

    @Override
    public AutoCloseable onInterrupt(Runnable cancel) {
        Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, s -> cancel.run());
        return () -> terminal.handle(Terminal.Signal.INT, before);
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            // the terminal is going away with the process anyway
        }
    }
}
