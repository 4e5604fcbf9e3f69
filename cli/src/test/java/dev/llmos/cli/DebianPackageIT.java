package dev.llmos.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * the debian package scripts/package builds, installed, upgraded and purged in a throwaway root
 * with {@code dpkg --root=DIR --force-script-chrootless}: the maintainer scripts run here with
 * DPKG_ROOT=DIR and act on DIR only, so the host's package database, groups and systemd are never
 * touched. the root holds only what dpkg and the scripts need (a dpkg database that knows libc6,
 * the group and shadow files); the installed llmsh runs with no jdk to find.
 */
class DebianPackageIT {

    private static final String V1 = "0.1.0~test-1";
    private static final String V2 = "0.1.0~test-2";

    @TempDir
    static Path debs;
    static Path v1;
    static Path v2;
    static boolean hostKnewLlmos;

    @TempDir
    Path tmp;
    Path root;

    @BeforeAll
    static void buildTwoVersions() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: dpkg --root unpacks files owned by root");
        List<String> missing = Stream.of("dpkg", "dpkg-deb", "dpkg-query", "asciidoctor", "groupadd", "strip")
                .filter(t -> Stream.of("/usr/bin/", "/usr/sbin/").noneMatch(d -> Files.isExecutable(Path.of(d + t)))).toList();
        assumeTrue(missing.isEmpty(), () -> "needs " + String.join(", ", missing) + " to build and install the package"
                + " (apt-get install dpkg asciidoctor passwd binutils)");
        hostKnewLlmos = hostKnowsLlmos();
        Path out = Files.createDirectories(debs.resolve("out"));
        v1 = Path.of(run(Map.of(), Cli.ROOT.resolve("scripts/package").toString(), "--no-build", "--fast",
                "--version", V1, "--out", out.toString()).strip());
        // v2 is v1 with another version: what an upgrade needs, without building twice
        Path tree = debs.resolve("v2");
        run(Map.of(), "dpkg-deb", "--raw-extract", v1.toString(), tree.toString());
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replace("Version: " + V1, "Version: " + V2));
        v2 = out.resolve("llm-os_" + V2 + "_amd64.deb");
        run(Map.of(), "dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build", tree.toString(), v2.toString());
    }

    @AfterAll
    static void theHostsDatabaseAndGroupsAreAsBefore() throws Exception {
        if (v1 != null) {
            assertEquals(List.of("absent", hostKnewLlmos), List.of(hostState(), hostKnowsLlmos()));
        }
    }

    @BeforeEach
    void anEmptySystem() throws Exception {
        root = tmp.resolve("root");
        for (String d : List.of("etc", "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.writeString(root.resolve("etc/gshadow"), "root:*::\n");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(root.resolve("var/lib/dpkg/available"), "");
        // the one dependency, as if installed: the runtime's native code needs only libc
        Files.writeString(root.resolve("var/lib/dpkg/status"), """
                Package: libc6
                Status: install ok installed
                Architecture: amd64
                Multi-Arch: same
                Version: 2.36-9
                Maintainer: tests <tests@llmos.invalid>
                Description: stands for the host's libc, which the installed programs run with

                """);
        Files.writeString(root.resolve("var/lib/dpkg/info/libc6:amd64.list"), "");
    }

    @Test
    void installsIntoAnEmptySystemAndRunsWithNoJdkAnywhere() throws Exception {
        dpkg("--install", v1.toString());
        Path probe = Files.createDirectories(tmp.resolve("probe"));
        // the source tree's launcher runs the same jar with a jdk: the same answer
        String version = run(Map.of(), Cli.ROOT.resolve("bin/llmsh").toString(), "--version").strip();
        assertEquals(List.of("ii " + V1, version, "exit 0",
                        "llmos:x:999:", "rwx------", true, "/lib/systemd/system/llm-osd.socket",
                        true, true, true, true),
                List.of(state(), noJdk("usr/bin/llmsh", "--version").strip(),
                        "exit " + noJdkExit("usr/bin/llmsh", "--policy", root.resolve("etc/llm-os/policies").toString(),
                                "--state", probe.resolve("state").toString(), "--cache", probe.resolve("cache").toString(),
                                "policy", "check"),
                        group(), PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/lib/llm-osd"))),
                        Files.isDirectory(root.resolve("var/cache/llm-os")),
                        Files.readSymbolicLink(root.resolve("etc/systemd/system/sockets.target.wants/llm-osd.socket")).toString(),
                        conffiles().contains("/etc/llm-os/config.json") && conffiles().contains("/etc/llm-os/policies/files.drl"),
                        Files.isRegularFile(root.resolve("usr/share/man/man1/llmsh-run.1.gz")),
                        Files.readString(root.resolve("usr/share/bash-completion/completions/llmsh")).contains("complete -F _complete_llmsh"),
                        Files.isRegularFile(root.resolve("usr/share/zsh/vendor-completions/_llm-osd"))));
    }

    @Test
    void manPagesShowTheGlobalOptionsOnceAndNoUnusedNativeJarShips() throws Exception {
        dpkg("--install", v1.toString());
        try (Stream<Path> jars = Files.list(root.resolve("usr/share/llm-os/lib"))) {
            // an option entry is bold with its value label: \fB--policy\fP=\fIDIR\fP
            assertEquals(List.of(true, false, false, true), List.of(man("llmsh").contains("\\fB--policy\\fP="),
                    man("llmsh-run").contains("\\fB--policy\\fP"), jars.anyMatch(j -> j.getFileName().toString().startsWith("jline-native")),
                    man("llmsh-run").contains("see llmsh(1).")));
        }
    }

    private String man(String page) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(root.resolve("usr/share/man/man1/" + page + ".1.gz")))) {
            // roff escapes hyphens as \-
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\\-", "-");
        }
    }

    @Test
    void anUpgradeKeepsTheAdminsEditsToAConffile() throws Exception {
        dpkg("--install", v1.toString());
        Path config = root.resolve("etc/llm-os/config.json");
        String edited = "{\"policy_dir\": \"/etc/llm-os/policies\", \"allowed_groups\": [\"llmos\", \"adm\"]}\n";
        Files.writeString(config, edited);
        dpkg("--install", v2.toString());
        assertEquals(List.of("ii " + V2, edited, "llmos:x:999:", true),
                List.of(state(), Files.readString(config), group(),
                        Files.isSymbolicLink(root.resolve("etc/systemd/system/sockets.target.wants/llm-osd.socket"))));
    }

    @Test
    void purgeLeavesNothingButTheGroup() throws Exception {
        dpkg("--install", v1.toString());
        Files.writeString(root.resolve("var/lib/llm-osd/audit.jsonl"), "{}\n");
        dpkg("--purge", "llm-os");
        List<String> left;
        try (Stream<Path> all = Files.walk(root)) {
            left = all.filter(p -> !p.startsWith(root.resolve("var/lib/dpkg")) && !Files.isDirectory(p))
                    .map(p -> "/" + root.relativize(p)).sorted().toList();
        }
        assertEquals(List.of("absent", List.of("/etc/group", "/etc/group-", "/etc/gshadow", "/etc/gshadow-", "/etc/passwd",
                        "/etc/shadow"), false, false, false),
                List.of(state(), left, Files.exists(root.resolve("usr/lib/llm-os")), Files.exists(root.resolve("etc/llm-os")),
                        Files.exists(root.resolve("var/lib/systemd/deb-systemd-helper-enabled/sockets.target.wants/llm-osd.socket"))));
    }

    private void dpkg(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless"));
        argv.addAll(List.of(args));
        run(Map.of(), argv.toArray(String[]::new));
    }

    /** runs an installed program with only bash, dirname and readlink on the PATH: no java, no JAVA_HOME. */
    private String noJdk(String program, String... args) throws Exception {
        return run(noJdkEnvironment(), command(program, args));
    }

    private int noJdkExit(String program, String... args) throws Exception {
        return exit(noJdkEnvironment(), command(program, args));
    }

    private String[] command(String program, String... args) {
        List<String> argv = new ArrayList<>(List.of(root.resolve(program).toString()));
        argv.addAll(List.of(args));
        return argv.toArray(String[]::new);
    }

    private Map<String, String> noJdkEnvironment() throws IOException {
        Path bin = tmp.resolve("bin");
        if (!Files.isDirectory(bin)) {
            Files.createDirectories(bin);
            for (String tool : List.of("bash", "dirname", "readlink")) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
            }
        }
        return Map.of("PATH", bin.toString(), "HOME", tmp.toString());
    }

    private String state() throws Exception {
        return stateIn("--root=" + root);
    }

    private List<String> conffiles() throws Exception {
        return run(Map.of(), "dpkg-query", "--root=" + root, "-W", "-f", "${Conffiles}", "llm-os").lines()
                .map(l -> l.strip().split(" ")[0]).toList();
    }

    private String group() throws IOException {
        return Files.readAllLines(root.resolve("etc/group")).stream().filter(l -> l.startsWith("llmos:")).findFirst().orElse("none");
    }

    private static String hostState() throws Exception {
        return stateIn("--root=/");
    }

    private static boolean hostKnowsLlmos() throws IOException {
        return Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("llmos:"));
    }

    /** "ii 1.0-1" for an installed llm-os, "absent" when dpkg has no trace of it. */
    private static String stateIn(String root) throws Exception {
        Process p = new ProcessBuilder("dpkg-query", root, "-W", "-f", "${db:Status-Abbrev}${Version}", "llm-os")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue() != 0 || out.isEmpty() || out.startsWith("un") || out.startsWith("pn") ? "absent"
                : out.replaceAll("\\s+", " ");
    }

    private static int exit(Map<String, String> environment, String... argv) throws Exception {
        return exec(environment, argv).code();
    }

    /** runs a command to its end; its stdout, or an error with all it printed when it failed. */
    private static String run(Map<String, String> environment, String... argv) throws Exception {
        Result r = exec(environment, argv);
        if (r.code() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + r.code() + ": " + r.out() + r.err());
        }
        return r.out();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result exec(Map<String, String> environment, String... argv) throws Exception {
        Path out = Files.createTempFile(debs, "out", ".txt");
        Path err = Files.createTempFile(debs, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (!environment.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", argv) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
