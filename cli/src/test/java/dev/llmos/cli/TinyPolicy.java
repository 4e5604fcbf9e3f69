package dev.llmos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * a five-rule policy whose line numbers tests can state: the same text everywhere, so the jvm-wide
 * cache compiles it once for every test class that uses it.
 */
final class TinyPolicy {

    static final String TEXT = """
            package tiny;
            import dev.llmos.actions.exec.Exec;
            global dev.llmos.rules.PolicyActions policy;

            rule "ls runs" @id("t.ls") @justification("ls only reads")
            when $a : Exec(program == "ls") then policy.allow($a, "ls reads"); end

            rule "rm asks" @id("t.rm") @justification("rm deletes files")
            when $a : Exec(program == "rm") then policy.confirm($a, "rm deletes"); end

            rule "rm -rf is denied" @id("t.rm-rf") @justification("recursive deletes lose a lot at once")
            when $a : Exec(program == "rm", args contains "-rf")
            then policy.deny($a, "deletes recursively", "delete the files one by one"); end

            rule "mkfs is denied" @id("t.mkfs") @justification("formatting erases a disk")
            when $a : Exec(program == "mkfs") then policy.deny($a, "formats a disk"); end

            rule "a broken rule" @id("t.boom") @justification("records a verdict without a reason")
            when $a : Exec(program == "boom") then policy.allow($a, null); end
            """;

    private TinyPolicy() {
    }

    /** writes the policy as {@code dir/tiny.drl} and returns {@code dir}. */
    static Path in(Path dir) {
        return write(dir, "tiny.drl", TEXT);
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
