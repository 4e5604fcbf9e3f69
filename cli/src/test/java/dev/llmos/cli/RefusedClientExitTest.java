package dev.llmos.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * the readme's exit codes through a real daemon, for a real second user: a daemon that refuses the
 * caller is a failure (1), never "bad input" (2), whichever command asked it.
 */
class RefusedClientExitTest {

    private static final String SETPRIV = "/usr/bin/setpriv";

    @TempDir
    static Path tmp;
    static DaemonProcess daemon;
    static String classPath;

    @BeforeAll
    static void startDaemon() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(SETPRIV)), "needs setpriv (.ci/run installs it) to act as another uid");
        assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim()),
                "a daemon that refuses another user runs as root, as in ci");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        // nobody may reach the socket (its group) but is not an allowed user: the daemon refuses it
        daemon = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"), "--socket-group", "nogroup");
        Files.setPosixFilePermissions(tmp.resolve("d"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("d/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        classPath = readableCopy(tmp.resolve("cp"));
    }

    // the test class path lives under root's home (~/.m2, maybe the clone): nobody gets a copy it can read
    private static String readableCopy(Path into) throws Exception {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = into.resolve((n++) + "-" + from.getFileName());
            try (var walk = Files.walk(from)) {
                for (Path f : (Iterable<Path>) walk::iterator) {
                    Path t = to.resolve(from.relativize(f).toString());
                    Files.createDirectories(Files.isDirectory(f) ? t : t.getParent());
                    if (!Files.isDirectory(f)) {
                        Files.copy(f, t);
                    }
                }
            }
            entries.add(to.toString());
        }
        try (var walk = Files.walk(into)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static List<Object> asNobody(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"));
        command.addAll(List.of(DaemonProcess.JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "dev.llmos.cli.Llmsh"));
        command.addAll(List.of("--socket", daemon.socket.toString(), "--state", tmp.resolve("nobody-state").toString(),
                "--cache", tmp.resolve("nobody-cache").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HOME", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return List.of(p.waitFor(), out);
    }

    @Test
    void aRunTheDaemonRefusesIsAFailureNotBadInput() throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan.json"), Plans.plan(Plans.exec("a1", "true")));
        List<Object> r = asNobody("run", "--yes", plan.toString());
        assertEquals(1, r.get(0), (String) r.get(1));
        assertTrue(((String) r.get(1)).contains("uid 65534"), (String) r.get(1));
    }

    @Test
    void aStatusTheDaemonRefusesIsAFailureNotBadInput() throws Exception {
        List<Object> r = asNobody("status");
        assertEquals(1, r.get(0), (String) r.get(1));
        assertTrue(((String) r.get(1)).contains("uid 65534"), (String) r.get(1));
    }
}
