package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static dev.llmos.cli.ModelAnswers.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the shell at a real terminal: a real llmsh in a tmux pane (its own tmux server on a socket in a
 * temp dir), driven by keys, judged by what the pane shows. tmux is in .ci/run's install list.
 */
class ShellTerminalTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private FakeOpenAi model;
    private Path socket;

    @BeforeEach
    void start() throws IOException {
        model = FakeOpenAi.start();
        socket = tmp.resolve("tmux.sock");
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        model.close();
    }

    @Test
    void editsRecallsSearchesCompletesCancelsAndLeavesWithCtrlD() throws Exception {
        Path state = tmp.resolve("state");
        Files.createDirectories(state);
        Files.writeString(state.resolve("history"), "list the big files in /var\nwhat is /tmp for?\n");
        model.reply(new FakeOpenAi.Reply.Slow(Duration.ofMinutes(5), answer("never seen")))
                .answer(answer("/var holds logs and caches", "look at /var/log"));
        open(state);
        await(s -> lastLine(s).equals("llmsh>"), "the prompt");

        tmux("send-keys", "Up");
        await(s -> lastLine(s).equals("llmsh> what is /tmp for?"), "the newest history line after the up arrow");
        tmux("send-keys", "C-c");
        await(s -> lastLine(s).equals("llmsh>"), "an empty prompt after ctrl-c drops the line");

        tmux("send-keys", "C-r", "big");
        await(s -> s.contains("list the big files in /var"), "ctrl-r finding the older line");
        tmux("send-keys", "C-g", "C-u", ":pl", "Tab");
        await(s -> lastLine(s).equals("llmsh> :plan"), "tab completing :pl to :plan");
        tmux("send-keys", "C-u", "wait forever", "Enter");
        awaitRequests(1);
        tmux("send-keys", "C-c");
        await(s -> s.contains("llmsh: request cancelled") && lastLine(s).equals("llmsh>"), "the request cancelled, the shell still there");

        tmux("send-keys", "what is in /var?", "Enter");
        await(s -> s.contains("answer: /var holds logs and caches"), "the next request answered");
        tmux("send-keys", "C-d");
        String screen = await(s -> s.contains("EXITED 0"), "llmsh leaving with 0 on ctrl-d");

        assertFalse(screen.contains("^["), "no raw escape sequences reached the screen:\n" + screen);
        List<String> history = Files.readAllLines(state.resolve("history"));
        assertEquals(List.of("list the big files in /var", "what is /tmp for?", "wait forever", "what is in /var?"), history);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("history"))));
    }

    @Test
    void verdictsAreColouredAtATerminalUnlessNoColorIsSet() throws Exception {
        Path plan = Path.of(Plans.file(tmp, Plans.plan(Plans.read("a1", "/etc/hostname"), Plans.read("a2", "/etc/shadow"))));
        Path script = script("--embedded run " + plan + "; echo FIRST; NO_COLOR=1 " + llmsh() + " --embedded run " + plan
                + "; echo SECOND; " + llmsh() + " --embedded run " + plan + " | cat; echo THIRD");
        tmux("new-session", "-d", "-x", "150", "-y", "80", "bash " + script);
        await(s -> s.contains("THIRD"), "three runs done");
        String screen = tmux("capture-pane", "-p", "-e", "-S", "-200");
        String first = screen.substring(0, screen.indexOf("FIRST"));
        String rest = screen.substring(screen.indexOf("FIRST"));
        assertTrue(first.contains("\u001b[32mALLOW\u001b[") && first.contains("\u001b[31mDENY\u001b["), "verdicts in colour:\n" + first);
        assertTrue(rest.contains("ALLOW") && rest.contains("DENY") && !rest.contains("\u001b[32m") && !rest.contains("\u001b[31m"),
                "no colour with NO_COLOR nor into a pipe:\n" + rest);
    }

    private String llmsh() {
        return "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED @'"
                + tmp.resolve("java.args") + "' dev.llmos.cli.Llmsh";
    }

    /** a script that runs llmsh with {@code args} (and whatever follows in them) against the fake model and a temp state. */
    private Path script(String args) throws IOException {
        Path state = tmp.resolve("state");
        Files.writeString(tmp.resolve("java.args"), "-cp\n\"" + System.getProperty("java.class.path") + "\"\n");
        Path script = tmp.resolve("llmsh.sh");
        Files.writeString(script, String.join("\n",
                "export LLMOS_STATE_DIR='" + state + "' LLMOS_POLICY_DIR='" + Cli.SHIPPED_POLICY + "'",
                "export LLMOS_BASE_URL='" + model.baseUrl() + "' LLMOS_SOCKET='" + tmp.resolve("no-daemon.sock") + "'",
                llmsh() + " " + args,
                "echo EXITED $?",
                "sleep 600", ""));
        return script;
    }

    private void open(Path state) throws Exception {
        tmux("new-session", "-d", "-x", "150", "-y", "50", "bash " + script("shell"));
    }

    private String await(Predicate<String> shown, String what) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String screen = "";
        while (System.nanoTime() < end) {
            screen = tmux("capture-pane", "-p");
            if (shown.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the pane never showed " + what + "; it shows:\n" + screen);
    }

    private void awaitRequests(int n) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (model.requests().size() < n && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertTrue(model.requests().size() >= n, "the model never got request " + n);
    }

    private static String lastLine(String screen) {
        String[] lines = screen.strip().split("\n");
        return lines[lines.length - 1].stripTrailing();
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
