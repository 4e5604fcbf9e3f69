package dev.llmos.cli.ask;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** the shell's lines from piped stdin: no editing, the prompt printed as is, history kept by {@link History}. */
final class PlainLines implements LineSource {

    private final BufferedReader in;
    private final PrintWriter out;
    private final History history;

    PlainLines(BufferedReader in, PrintWriter out, History history) {
        this.in = in;
        this.out = out;
        this.history = history;
    }

    @Override
    public String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin: " + e.getMessage(), e);
        }
    }

    @Override
    public BufferedReader answers() {
        return in;
    }

    @Override
    public List<String> history(int n) {
        return history.last(n);
    }

    @Override
    public void remember(String line) {
        history.add(line);
    }

    @Override
    public AutoCloseable onInterrupt(Runnable cancel) {
        // without a terminal there is no ctrl-c to take over: the process's own handling stays
        return () -> { };
    }

    @Override
    public void close() {
    }
}
