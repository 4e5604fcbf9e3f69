package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/** both config files as the commands meet them: a bad file stops the command before anything starts. */
class ConfigFilesTest {

    @TempDir
    Path tmp;

    private Cli.Result serve(Path config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true), false);
        Env env = new Env(Map.of(), tmp.resolve("home"), true, Optional.of(Cli.ROOT), tmp.resolve("none.json"), tmp);
        int code = Llmosd.commandLine(new Context(io, env, new DroolsPolicies())).execute("serve", "--config", config.toString(),
                "--socket", tmp.resolve("d.sock").toString(), "--state", tmp.resolve("daemon").toString(),
                "--cache", tmp.resolve("cache").toString(), "--idle-exit", "1");
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void theDaemonRefusesAnUnknownKeyAndStartsNothing() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"max_client\": 8}");
        Cli.Result r = serve(config);

        assertEquals(2, r.code(), r.err());
        assertEquals("llm-osd: config " + config + ": /max_client: unknown key max_client (known: admin_groups, allowed_groups,"
                + " allowed_users, audit_log, cache_dir, idle_exit_sec, idle_timeout_sec, max_clients, max_clients_per_uid,"
                + " max_plans_per_user, max_request_bytes, policy_dir, read_timeout_ms, reserved_slots, socket, socket_group,"
                + " state_dir, write_timeout_sec)\n", r.err());
        assertEquals(List.of(false, false), List.of(Files.exists(tmp.resolve("d.sock")), Files.exists(tmp.resolve("daemon"))));
    }

    @Test
    void theDaemonRefusesAGuardOfTheWrongType() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"allowed_groups\": \"llmos,adm\"}");
        Cli.Result r = serve(config);

        assertEquals(2, r.code(), r.err());
        assertEquals("llm-osd: config " + config + ": /allowed_groups: expected a list, got a string\n", r.err());
        assertFalse(Files.exists(tmp.resolve("d.sock")));
    }

    @Test
    void llmshRefusesADuplicateKeyAndRunsNothing() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"state_dir\": \"/a\",\n \"state_dir\": \"/b\"}");
        Path plan = Files.writeString(tmp.resolve("plan.json"), """
                {"version": 1, "mode": "actionplan", "goal": "g", "actions": [
                 {"id": "a1", "type": "read_file", "path": "/etc/hostname", "reason": "r"}]}""");
        Cli.Result r = Cli.in(tmp).run("--config", config.toString(), "run", plan.toString());

        assertEquals(2, r.code(), r.err());
        assertEquals("llmsh: config " + config + ": /state_dir: duplicate key; each key may appear once\n", r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(Cli.in(tmp).state()));
    }

    /**
     * each file is a named pipe its writer fills once: a second reading would wait for a writer
     * that never comes. the shell runs on a daemon thread so such a wait fails the test at the
     * timeout instead of hanging the run.
     */
    @Test
    void theShellReadsEachConfigFileOnce() throws Exception {
        Path config = fifo("config.json", "{\"cache_dir\": \"" + tmp.resolve("cache") + "\"}");
        Path llm = fifo("llm.json", "{\"model\": \"from-the-pipe\"}");
        FutureTask<Cli.Result> shell = new FutureTask<>(() -> Cli.in(tmp).pipe(":q\n").run("--config", config.toString(),
                "shell", "--llm-config", llm.toString(), "--replay", Cli.ROOT.resolve("examples/replay/disk-usage.jsonl").toString()));
        Thread thread = new Thread(shell, "llmsh-shell");
        thread.setDaemon(true);
        thread.start();
        try {
            Cli.Result r = shell.get(60, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
        } catch (TimeoutException e) {
            fail("the shell still waits after 60 s: it read a config file a second time");
        }
    }

    private Path fifo(String name, String content) throws IOException, InterruptedException {
        Path path = tmp.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(path, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "fifo-writer-" + name);
        writer.setDaemon(true);
        writer.start();
        return path;
    }
}
