package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** what the exec fact makes of programs by what they are, and of the commands inside others. */
class ExecPartsTest {

    private final ExecHandler handler = new ExecHandler();

    private Exec fact(List<String> argv, String cwd) {
        return (Exec) handler.fact(TestContexts.header("exec"), new ExecParams(argv, cwd, null, null, null), TestContexts.facts());
    }

    @Test
    void knowsACopiedRmAsRm(@TempDir Path tmp) throws Exception {
        Path copy = Files.copy(Path.of("/usr/bin/rm"), tmp.resolve("ls"), StandardCopyOption.COPY_ATTRIBUTES);
        Exec fact = fact(List.of(copy.toString(), "-rf", "/"), null);
        assertEquals(List.of("rm", "ls", copy.toRealPath().toString()), List.of(fact.program(), fact.named(), fact.programPath()));
    }

    @Test
    void knowsASymlinkToRmAsRm(@TempDir Path tmp) throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("ls"), Path.of("/usr/bin/rm"));
        assertEquals("rm", fact(List.of(link.toString()), null).program());
    }

    @Test
    void knowsAnInstalledNameOverTheBinaryItLinksTo() {
        // /usr/sbin/reboot links to systemctl, which acts as reboot when run under that name
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isSymbolicLink(Path.of("/usr/sbin/reboot")));
        assertEquals("reboot", fact(List.of("reboot"), null).program());
    }

    @Test
    void resolvesBareWordsAttachedValuesAndAtFilesAgainstTheCwd() {
        Exec fact = fact(List.of("cat", "shadow", "-f/etc/gshadow", "--from=/etc/hosts", "@/etc/passwd"), "/etc");
        assertEquals(true, fact.pathArgs().containsAll(List.of("/etc/shadow", "/etc/gshadow", "/etc/hosts", "/etc/passwd")),
                fact.pathArgs().toString());
    }

    @Test
    void readsTheCommandsOfAShellScriptAsParts() {
        Exec fact = fact(List.of("sh", "-c", "cd /etc && cat shadow > /tmp/x"), null);
        assertEquals(List.of(List.of("cd", "/etc"), List.of("cat", "shadow")), fact.parts().stream().map(Exec::argv).toList());
        Exec cat = fact.parts().get(1);
        assertEquals(List.of("sh -c", List.of("/etc/shadow"), List.of("/tmp/x"), true),
                List.of(cat.via(), cat.operands(), cat.writes(), fact.codeRead()));
    }

    @Test
    void keepsRedirectionTargetsDecidedAtRunTimeOutOfWritesAndNamesThem() {
        Exec echo = fact(List.of("sh", "-c", "echo x > \"$(printf /et%s/passwd c)\"; echo y > /etc/cron.d/job-$X"), null)
                .parts().get(0);
        Exec cron = fact(List.of("sh", "-c", "echo y > /etc/cron.d/job-$X"), null).parts().get(0);
        assertEquals(List.of(List.of(), List.of("$(printf /et%s/passwd c)"), List.of(), List.of("/etc/cron.d/job-$X")),
                List.of(echo.writes(), echo.unknownWrites(), cron.writes(), cron.unknownWrites()));
    }

    @Test
    void takesTheDirectoryATargetOptionNamesAsTheDestination() {
        Exec cp = fact(List.of("cp", "-t", "/etc/cron.d", "/etc/hosts"), null);
        Exec tar = fact(List.of("tar", "-C", "/etc", "-xf", "/tmp/x.tar"), null);
        assertEquals(List.of("/etc/cron.d", "/etc"), List.of(cp.lastOperand(), tar.operands().get(tar.operands().size() - 1)));
    }

    @Test
    void knowsAProgramOrScriptPutTogetherAtRunTime() {
        // nice's parts: echo (its substitution), then what it runs
        Exec wrapped = fact(List.of("sh", "-c", "nice $(echo rm) -rf /"), null).parts().get(0).parts().get(1);
        Exec inner = fact(List.of("bash", "-c", "sh -c \"echo $(printf 'x > /etc/passwd')\""), null).parts().get(0);
        Exec here = fact(List.of("bash", "-c", "sh <<< \"$X\""), null).parts().get(0);
        Exec quoted = fact(List.of("bash", "-c", "sh -c 'echo $1' sh hi"), null).parts().get(0);
        assertEquals(List.of(true, true, true, false), List.of(wrapped.runtimeCode() != null, inner.runtimeCode() != null,
                here.runtimeCode() != null, quoted.runtimeCode() != null));
    }

    @Test
    void unwrapsWrappersFindExecAndBusybox() {
        assertEquals(List.of("rm", "-rf", "/"), fact(List.of("timeout", "-s", "KILL", "5", "rm", "-rf", "/"), null).parts().get(0).argv());
        assertEquals(List.of("rm", "-f", "/var/log"), fact(List.of("find", "/var/log", "-name", "*.gz", "-exec", "rm", "-f", "{}", "+"), null)
                .parts().get(0).argv());
        assertEquals(List.of("rm", "-rf", "/"), fact(List.of("busybox", "rm", "-rf", "/"), null).parts().get(0).argv());
    }

    @Test
    void returnsInlineCodeUnreadWithThePathsItNames() {
        Exec fact = fact(List.of("python3", "-c", "print(open('/etc/shadow').read())"), null);
        assertEquals(List.of("print(open('/etc/shadow').read())", false, true),
                List.of(fact.code(), fact.codeRead(), fact.pathArgs().contains("/etc/shadow")));
    }

    @Test
    void readsTheShellCommandTarHandsToSh() {
        Exec fact = fact(List.of("tar", "cf", "/dev/null", "x", "--checkpoint-action=exec=rm -rf /"), null);
        assertEquals(List.of(List.of("rm", "-rf", "/")), fact.parts().stream().map(Exec::argv).toList());
    }
}
