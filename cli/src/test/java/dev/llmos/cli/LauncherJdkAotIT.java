package dev.llmos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/launcher.sh's remembered jdk and aot cache (decision 0019), in a copy of the tree's launchers
 * whose cli/target links to the built jars: nothing in the real build directory is touched.
 */
class LauncherJdkAotIT {

    @TempDir
    Path root;

    record Run(int code, String out, String err) {
    }

    private void copyTree() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("scripts"));
        Files.createDirectories(root.resolve("cli/target"));
        for (String f : List.of("bin/llmsh", "bin/launcher.sh", "scripts/jdk.sh")) {
            Files.copy(Cli.ROOT.resolve(f), root.resolve(f));
        }
        root.resolve("bin/llmsh").toFile().setExecutable(true);
        Files.createSymbolicLink(root.resolve("cli/target/llmos-cli.jar"), Cli.ROOT.resolve("cli/target/llmos-cli.jar"));
        Files.createSymbolicLink(root.resolve("cli/target/lib"), Cli.ROOT.resolve("cli/target/lib"));
    }

    private Run version() throws IOException, InterruptedException {
        return llmsh(Map.of(), "--version");
    }

    private Run llmsh(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/llmsh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(root.resolve("out").toFile())
                .redirectError(root.resolve("err").toFile());
        pb.environment().remove("LLMOS_JAVA_HOME");
        pb.environment().remove("LLMOS_SOCKET");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("llmsh --version did not finish");
        }
        return new Run(p.exitValue(), Files.readString(root.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(root.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void remembersTheJdkItFoundAndLooksAgainWhenThatJdkIsGone() throws Exception {
        copyTree();
        Run first = version();
        assertEquals(0, first.code(), first.err());
        List<String> remembered = Files.readAllLines(root.resolve("cli/target/jdk"));
        assertEquals(3, remembered.size(), remembered.toString());
        assertTrue(Files.isExecutable(Path.of(remembered.get(1), "bin/java")), remembered.toString());
        assertTrue(remembered.get(2).matches("\\d+"), remembered.toString());

        Files.write(root.resolve("cli/target/jdk"), List.of(remembered.get(0), root.resolve("gone").toString(), "99"));
        Run again = version();
        assertEquals(0, again.code(), again.err());
        assertEquals(first.out(), again.out());
        assertEquals(remembered, Files.readAllLines(root.resolve("cli/target/jdk")));
    }

    @Test
    void runsQuietlyWithAnAotCacheThatDoesNotFit() throws Exception {
        copyTree();
        // not a cache at all: the jvm refuses it, as it refuses one trained for other jars
        Files.writeString(root.resolve("cli/target/llmsh.aot"), "not an aot cache\n");
        Files.writeString(root.resolve("cli/target/llmsh-client.aot"), "not an aot cache\n");
        Run r = version();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("llmsh "), r.out());
        assertEquals(1, r.out().lines().count(), r.out());
        assertEquals("", r.err());
    }

    @Test
    void takesTheClientCacheForVersionAndTheDaemonsRunsAndTheOtherForTheRest() throws Exception {
        copyTree();
        // AOTMode=on makes a cache the jvm refuses fatal, so which one the launcher named shows
        Files.writeString(root.resolve("cli/target/llmsh-client.aot"), "not an aot cache\n");
        Map<String, String> strict = Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");

        assertEquals(1, llmsh(strict, "--version").code());
        assertEquals(1, llmsh(strict, "--socket", root.resolve("none.sock").toString(), "run", "--help").code());
        assertEquals(0, llmsh(strict, "policy", "--help").code(), "no llmsh.aot: nothing to refuse");
        assertEquals(0, llmsh(strict, "--embedded", "--socket", root.resolve("none.sock").toString(), "run", "--help").code());
    }

    @Test
    void namesNoCacheOlderThanTheJars() throws Exception {
        copyTree();
        // the jvm would refuse it, and then run without the jdk's own class data sharing too
        Path stale = Files.writeString(root.resolve("cli/target/llmsh-client.aot"), "not an aot cache\n");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));

        Run r = llmsh(Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"), "--version");
        assertEquals(0, r.code(), r.err());
        // (AOTMode=on also reports, on stdout, that the jdk's own archive lacks --enable-native-access)
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("llmsh ")), r.out());
    }
}
