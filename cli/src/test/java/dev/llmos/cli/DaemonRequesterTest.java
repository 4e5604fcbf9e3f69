package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * a real llm-osd (as root) letting in nobody, and a real client process running as nobody
 * (setpriv): the shipped policy allows reading files and writing scratch files, and the daemon
 * does both with nobody's permissions, not root's.
 */
class DaemonRequesterTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SETPRIV = "/usr/bin/setpriv";
    // submit, approve whatever needs approval, execute; print the execute answer
    private static final String CLIENT = String.join("\n",
            "import json,socket,sys",
            "s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f=s.makefile()",
            "def call(i,m,p):",
            "    s.sendall((json.dumps({'jsonrpc':'2.0','id':i,'method':m,'params':p})+'\\n').encode()); return json.loads(f.readline())",
            "r=call(1,'plan.submit',{'plan':json.loads(sys.argv[2])})['result']",
            "e={'plan_id':r['plan_id']}",
            "if r['confirm']: e['approval']=call(2,'plan.approve',{'plan_id':r['plan_id'],'digest':r['digest'],'approve':r['confirm']})['result']['approval']",
            "print(json.dumps(call(3,'plan.execute',e)))",
            "");

    @TempDir
    static Path tmp;
    static DaemonProcess daemon;
    static Path open;

    @BeforeAll
    static void startDaemon() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && Files.isExecutable(Path.of(SETPRIV)),
                "needs /usr/bin/python3 and setpriv (.ci/run installs them) to act as another uid");
        assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim()),
                "a daemon acting for another user runs as root, as in ci");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        daemon = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"), "--socket-group", "nogroup", "--allow-user", "nobody");
        Files.setPosixFilePermissions(tmp.resolve("d"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("d/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
        open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static JsonNode asNobody(String plan) throws Exception {
        Process p = new ProcessBuilder(SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups", PYTHON, "-c", CLIENT,
                daemon.socket.toString(), plan).redirectErrorStream(true).start();
        String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), answer);
        return Json.mapper().readTree(answer).get("result");
    }

    @Test
    void nobodyCannotReadARootOnlyFileThroughTheDaemon() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "root only\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        JsonNode run = asNobody(Plans.plan(Plans.read("r1", secret.toString())));
        assertEquals(List.of("failed", "allow", "permission denied: nobody (uid 65534) may not read " + secret),
                List.of(run.get("status").asText(), run.at("/actions/0/decision/verdict").asText(),
                        run.at("/actions/0/result/error").asText()));
    }

    @Test
    void aFileTheDaemonWritesForNobodyBelongsToNobody() throws Exception {
        Path note = open.resolve("note.txt");
        JsonNode run = asNobody(Plans.plan(Plans.write("w1", note, "hello\n")));
        assertEquals(List.of("completed", 65534, "hello\n"),
                List.of(run.get("status").asText(), Files.getAttribute(note, "unix:uid"), Files.readString(note)));
    }
}
