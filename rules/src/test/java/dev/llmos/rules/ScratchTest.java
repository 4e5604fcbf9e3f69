package dev.llmos.rules;

import dev.llmos.rules.fixtures.Cmd;
import dev.llmos.rules.fixtures.Put;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class ScratchTest {
    @TempDir
    Path dir;

    @Test
    void scratch() {
        Policies.drl(dir, "a.drl", """
                function boolean systemDir(String top) {
                    return top != null && java.util.Set.of("/etc", "/usr").contains(top);
                }
                function String parentOf(String p) {
                    int i = p.lastIndexOf('/');
                    return i <= 0 ? "/" : p.substring(0, i);
                }
                rule "sys" @id("sys")
                when $a : Put(systemDir(topDir)) then policy.confirm($a, "system " + parentOf($a.realPath)); end
                rule "exists from" @id("ex")
                when $a : Cmd(program == "rm")
                     exists (String(this matches "-[a-zA-Z]*[rR][a-zA-Z]*" || this == "--recursive") from $a.argv)
                     exists (String(this in ("/", "/etc")) from $a.argv)
                then policy.deny($a, "rm -r of " + $a.path); end
                """);
        try {
            DroolsPolicy p = Policies.load(dir);
            System.err.println("WARN " + p.warnings());
            System.err.println("RULES " + p.rules());
            System.err.println("OUT " + p.evaluate(Policies.request(Cmd.of("a1", 0, "ls", "/tmp"), Put.of("w1", 1, "/etc/x"), Put.of("w2", 2, "/tmp/y"),
                Cmd.of("a3", 3, "rm", "-fr", "/etc"), Cmd.of("a4", 4, "rm", "-f", "/etc"))));
        } catch (Exception e) {
            System.err.println("EXC " + e);
        }
        System.err.println("CHECK " + PolicyCheck.check(dir));
    }
}
