package dev.llmos.cli.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * the streams a command talks through. injected so tests run the real command line in-process.
 *
 * @param interactive whether {@code in} is a person at a terminal who can answer questions
 */
public record Io(InputStream in, PrintWriter out, PrintWriter err, boolean interactive) {

    /** the process's own streams: the one place the cli binds to them. */
    public static Io system() {
        return new Io(System.in,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                stdinIsTerminal());
    }

    /** whether these are the process's own streams with a terminal on both ends: a line editor can run. */
    public boolean editable() {
        return in == System.in && isTerminal(0) && isTerminal(1);
    }

    /** whether file descriptor {@code fd} of this process is a terminal, as linux tells in /proc. */
    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * whether fd 0 is a terminal. linux says so in /proc; {@code System.console()} is no help since
     * jdk 22 returns one even when redirected, and it also wants stdout to be a terminal, which
     * {@code --json > file} is not while the person can still answer on stdin.
     */
    static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
