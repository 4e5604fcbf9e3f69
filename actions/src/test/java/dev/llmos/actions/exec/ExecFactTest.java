package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.Preview;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecFactTest {

    private final ExecHandler handler = new ExecHandler();

    @Test
    void describesTheCommandWithResolvedProgramCwdAndPathArguments(@TempDir Path tmp) throws Exception {
        Path dir = tmp.toRealPath();
        Path data = Files.writeString(dir.resolve("data.txt"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), data);
        List<String> argv = List.of("cat", link.toString(), "--output=" + dir + "/out", "sub/x",
                "https://example.com/a", "plain");
        ExecParams params = new ExecParams(argv, dir.toString(), null, true, Map.of("B", "2", "A", "1"));
        assertEquals(new Exec("a1", 0, "exec", "because", "low", argv, "cat", "cat", Path.of("/bin/cat").toRealPath().toString(), null,
                        argv.subList(1, argv.size()), dir.toString(), 60, true, Map.of("A", "1", "B", "2"),
                        List.of(data.toString(), dir + "/out", dir + "/sub/x", dir + "/plain"),
                        List.of(data.toString(), dir + "/sub/x", dir + "/plain"), dir + "/plain", List.of(), List.of(), List.of(), List.of(),
                        List.of("https://example.com/a"), List.of(dir + "/a"), null, false, null, false, null, null, List.of()),
                handler.fact(TestContexts.header("exec"), params, TestContexts.facts()));
    }

    @Test
    void takesAProgramNamedByPathAsItsRealPath(@TempDir Path tmp) throws Exception {
        Path dir = tmp.toRealPath();
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(dir.resolve("alias"), script);
        Exec fact = (Exec) handler.fact(TestContexts.header("exec"),
                new ExecParams(List.of("./alias"), dir.toString(), 5, null, null), TestContexts.facts());
        assertEquals(List.of("run.sh", "alias", script.toString(), 5, false), List.of(fact.program(), fact.named(), fact.programPath(),
                fact.timeoutSec(), fact.asRoot()));
    }

    @Test
    void hasNoProgramPathForAProgramThatDoesNotExist() {
        Exec fact = (Exec) handler.fact(TestContexts.header("exec"),
                new ExecParams(List.of("no-such-program-llmos"), null, null, null, null), TestContexts.facts());
        assertEquals(List.of("no-such-program-llmos", "null"), List.of(fact.program(), String.valueOf(fact.programPath())));
    }

    @Test
    void capsTheTimeoutPolicySeesAtTheMaximum() {
        Exec fact = (Exec) handler.fact(TestContexts.header("exec"),
                new ExecParams(List.of("true"), null, 99_999, null, null), TestContexts.facts());
        assertEquals(3600, fact.timeoutSec());
    }

    @Test
    void declaresNamedAndEmbeddedPathsAndTheCwdAsWritten() {
        assertEquals(List.of("/srv/a/b", "/etc/llmos", "/srv"),
                handler.writes(new ExecParams(List.of("cp", "a/b", "--target-directory=/etc/llmos"), "/srv", null, null, null)));
        // no cwd means / for the decision and the run alike, so relative arguments are taken from there
        assertEquals(List.of("/echo x >/etc/llmos/policy.drl", "/etc/llmos/policy.drl", "/"),
                handler.writes(new ExecParams(List.of("sh", "-c", "echo x >/etc/llmos/policy.drl"), null, null, null, null)));
    }

    @Test
    void previewsTheQuotedCommandItsDirectoryTimeoutAndScope() {
        assertEquals(Preview.of("would run: /bin/echo 'a b' '$HOME' 'it'\\''s' in /tmp (timeout 5 s)"
                        + "; confined: read-only; no network; as the requester"),
                handler.preview(new ExecParams(List.of("/bin/echo", "a b", "$HOME", "it's"), "/tmp", 5, null, null),
                        TestContexts.exec(Path.of("/nonexistent-state"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV", "ENV", "BASH_FUNC_ls", "PYTHONPATH",
            "PYTHONSTARTUP", "PERL5OPT", "PERL5LIB", "RUBYOPT", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
            "GCONV_PATH", "GLIBC_TUNABLES", "IFS", "PS4", "SHELLOPTS", "PATH", "1ABC", "A-B", "",
            // what names a config, pager or editor a tool runs: git status with HOME elsewhere reads core.fsmonitor there
            "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_PAGER", "PAGER",
            "EDITOR", "LESS", "OPENSSL_CONF", "PYTHONWARNINGS"})
    void refusesDangerousOrMalformedVariableNames(String name) {
        assertEquals(false, new ExecEnvironment(handler.spec().schema(), Path.of("/etc/passwd")).allowed(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LANG", "LC_ALL", "DEBIAN_FRONTEND", "MY_LD_PRELOAD", "LD", "ENVIRONMENT", "_x", "GIT_AUTHOR_NAME",
            "HOMEBREW_NO_ANALYTICS", "LESSCHARSET_X"})
    void allowsOrdinaryVariableNames(String name) {
        assertEquals(true, new ExecEnvironment(handler.spec().schema(), Path.of("/etc/passwd")).allowed(name));
    }
}
