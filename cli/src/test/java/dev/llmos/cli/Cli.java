package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * runs the real llmsh command line in-process with its own streams, a temp state dir and cache,
 * and no system config. the shipped policy is compiled once per jvm: the rules module's memory
 * cache is shared by every load.
 */
final class Cli {

    /** the repository root (surefire passes it), where policies/, examples/ and bin/ live. */
    static final Path ROOT = Path.of(System.getProperty("llmos.root", "..")).toAbsolutePath().normalize();
    static final Path SHIPPED_POLICY = ROOT.resolve("policies");

    /** copies the shipped catalogues (policies/catalog) into a policy directory a test builds. */
    static void copyCatalog(Path policy) throws java.io.IOException {
        Path target = java.nio.file.Files.createDirectories(policy.resolve("catalog"));
        try (var files = java.nio.file.Files.list(SHIPPED_POLICY.resolve("catalog"))) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    record Result(int code, String out, String err) {
    }

    private final Path tmp;
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private boolean interactive;

    private Cli(Path tmp) {
        this.tmp = tmp;
    }

    /** a command line whose state, audit log and cache live under {@code tmp}. */
    static Cli in(Path tmp) {
        return new Cli(tmp);
    }

    /** the same, deciding with the shipped policy. */
    static Cli shipped(Path tmp) {
        return in(tmp).env("LLMOS_POLICY_DIR", SHIPPED_POLICY.toString());
    }

    /** planning with {@code model}, a real http server on loopback. */
    Cli model(dev.llmos.llm.FakeOpenAi model) {
        return env("LLMOS_BASE_URL", model.baseUrl());
    }

    /** a person at a terminal typing {@code answers}. */
    Cli person(String answers) {
        this.stdin = answers;
        this.interactive = true;
        return this;
    }

    /** stdin that is not a terminal (a pipe, /dev/null, ci). */
    Cli pipe(String input) {
        this.stdin = input;
        this.interactive = false;
        return this;
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path state() {
        return tmp.resolve("state");
    }

    Path audit() {
        return state().resolve("audit.jsonl");
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, interactive);
        Env environment = new Env(env, tmp.resolve("home"), true, Optional.of(ROOT), tmp.resolve("no-config.json"), tmp);
        List<String> all = new ArrayList<>(List.of("--state", state().toString(), "--cache", tmp.resolve("cache").toString()));
        if (!env.containsKey("LLMOS_SOCKET") && !List.of(args).contains("--socket")) {
            // never reach a daemon the developer happens to run; daemon tests name their own socket
            all.add("--embedded");
        }
        all.addAll(List.of(args));
        String[] argv = all.toArray(String[]::new);
        // as main builds it: only the subcommand named (LazyTree), the whole tree where needed
        int code = Llmsh.commandLine(new Context(io, environment, new DroolsPolicies()), argv).execute(argv);
        o.flush();
        e.flush();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
