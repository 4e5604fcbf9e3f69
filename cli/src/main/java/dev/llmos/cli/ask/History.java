package dev.llmos.cli.ask;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * the shell's prompts, one a line, in the state directory. readable by the owner only, since people
 * type things they would not show. a history that cannot be written is said once and then left
 * alone: it must never stop the shell.
 */
final class History {

    static final int KEEP = 1000;

    private final Path file;
    private final PrintWriter err;
    private boolean broken;

    History(Path file, PrintWriter err) {
        this.file = file;
        this.err = err;
    }

    /** the history in {@code stateDir}, cut to the newest {@link #KEEP} lines. */
    static History in(Path stateDir, PrintWriter err) {
        History history = new History(stateDir.resolve("history"), err);
        history.trim();
        return history;
    }

    /** makes the file owner-only (also one an older llmsh left readable), before a line editor keeps it. */
    History created() {
        write("", StandardOpenOption.APPEND);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            fail(e);
        }
        return this;
    }

    Path file() {
        return file;
    }

    void add(String prompt) {
        write(prompt.replace('\n', ' ') + "\n", StandardOpenOption.APPEND);
    }

    /** the newest {@code n} prompts, oldest first. */
    List<String> last(int n) {
        try {
            List<String> all = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            return all.subList(Math.max(0, all.size() - n), all.size());
        } catch (IOException e) {
            fail(e);
            return List.of();
        }
    }

    private void trim() {
        List<String> all = last(Integer.MAX_VALUE);
        if (all.size() > KEEP) {
            write(String.join("\n", all.subList(all.size() - KEEP, all.size())) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    private void write(String text, StandardOpenOption mode) {
        if (broken) {
            return;
        }
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (!broken) {
            err.println("llmsh: history " + file + " is not kept: " + e.getMessage());
            err.flush();
        }
        broken = true;
    }
}
