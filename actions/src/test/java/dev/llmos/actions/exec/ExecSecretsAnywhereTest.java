package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * secret patterns that hold at any depth (the catalogue's **{@code /.env}, **{@code /*.key}) in a
 * real sandbox: a recursive reader pointed at a directory sees them masked, whatever their depth,
 * while the files beside them stay readable. policy refuses a program that names such a file; this
 * is what stops grep -r, which names only the directory.
 */
class ExecSecretsAnywhereTest {

    @RegisterExtension
    final SandboxRun sandbox = new SandboxRun();

    private static final List<String> ANYWHERE = List.of("**/.env", "**/*.key");

    @TempDir
    Path dir;

    private ActionOutcome run(String... argv) {
        return sandbox.run(Scope.NONE, List.of(), SandboxRun.catalog(ANYWHERE, List.of()), TestContexts.SELF, argv);
    }

    @Test
    void aRecursiveGrepOfANamedDirectoryFindsNoDotenvOrKeyBeneathIt() throws Exception {
        Path app = Files.createDirectories(dir.resolve("srv/app/config/deep"));
        Files.writeString(dir.resolve("srv/app/.env"), "DB_PASSWORD=hunter2\n");
        Files.writeString(app.resolve("tls.key"), "PASSWORD-IN-KEY\n");
        Files.writeString(dir.resolve("srv/app/main.py"), "PASSWORD = os.environ['DB_PASSWORD']\n");

        ActionOutcome outcome = run("grep", "-r", "PASSWORD", dir.resolve("srv").toString());

        assertEquals(List.of(dir.resolve("srv/app/main.py") + ":PASSWORD = os.environ['DB_PASSWORD']"),
                outcome.stdout().text().lines().toList(), outcome.stderr().text());
    }

    @Test
    void theFilesBesideNoSecretStayReadable() throws Exception {
        Path named = Files.createDirectory(dir.resolve("named"));
        Files.writeString(named.resolve("notes.txt"), "PASSWORD\n");

        ActionOutcome outcome = run("grep", "-r", "PASSWORD", named.toString());

        assertEquals(List.of(true, named.resolve("notes.txt") + ":PASSWORD"),
                List.of(outcome.ok(), outcome.stdout().text().strip()), outcome.stderr().text());
    }
}
