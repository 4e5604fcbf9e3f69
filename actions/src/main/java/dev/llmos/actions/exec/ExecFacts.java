package dev.llmos.actions.exec;

import dev.llmos.actions.exec.shell.Script;
import dev.llmos.actions.exec.shell.ShellParser;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.FactContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * builds the {@link Exec} fact of one command and, recursively, of the commands it runs (a
 * script's commands, a wrapper's program, find's -exec): every argument that can name a file
 * resolved as the kernel will, argv[0] known by what its file is.
 */
final class ExecFacts {

    static final int MAX_DEPTH = 6;

    private final ActionHeader header;
    private final FactContext context;
    private final int timeoutSec;
    private final boolean asRoot;
    private final Map<String, String> env;
    private final String home;

    ExecFacts(ActionHeader header, FactContext context, int timeoutSec, boolean asRoot, Map<String, String> env) {
        this.header = header;
        this.context = context;
        this.timeoutSec = timeoutSec;
        this.asRoot = asRoot;
        this.env = env;
        this.home = context.requester() == null ? "/root"
                : context.requester().uid() == 0 ? "/root" : "/home/" + context.requester().user();
    }

    String home() {
        return home;
    }

    /** the plan's own command. */
    Exec of(List<String> argv, String cwd) {
        return build(argv.stream().map(Script.Word::plain).toList(), cwd, List.of(), List.of(), null, false, 0);
    }

    /** one command of a script. */
    Exec of(Script.Command command, String via, int depth) {
        return build(command.words(), command.cwd(), command.redirects(), command.substitutions(), via, false, depth);
    }

    Exec build(List<Script.Word> words, String cwd, List<Script.Redirect> redirects, List<Script> substitutions, String via,
               boolean dynamicInput, int depth) {
        List<String> argv = words.stream().map(Script.Word::text).toList();
        String argv0 = argv.isEmpty() ? "" : argv.get(0);
        String named = argv0.substring(argv0.lastIndexOf('/') + 1);
        // the same program named by several commands of a plan is looked up and identified once per decision
        Optional<Path> found = argv0.indexOf('\0') >= 0 ? Optional.empty()
                : context.once("program\0" + argv0 + "\0" + cwd, () -> ProgramLookup.find(argv0, cwd));
        String program = named;
        String programPath = null;
        if (found.isPresent()) {
            Path file = found.get();
            ProgramIdentity.Identity identity = context.once("identity\0" + file, () -> ProgramIdentity.of(file));
            program = identity.name();
            programPath = context.path(found.get().toString()).realPath();
        }
        String programNamed = argv0.indexOf('/') >= 0 && argv0.indexOf('\0') < 0 ? real(argv0, cwd) : null;

        Set<String> pathArgs = new LinkedHashSet<>();
        List<String> operands = new ArrayList<>();
        Set<String> dirArgs = new LinkedHashSet<>();
        List<String> urls = new ArrayList<>();
        List<String> urlFiles = new ArrayList<>();
        boolean dynamic = dynamicInput;
        boolean endOfOptions = false;
        for (Script.Word w : words.subList(Math.min(1, words.size()), words.size())) {
            dynamic |= w.dynamic() || w.glob();
            for (String p : ArgPaths.of(w)) {
                PathFacts facts = facts(p, cwd);
                pathArgs.add(facts.realPath());
                if (facts.directory()) {
                    dirArgs.add(facts.realPath());
                }
            }
            if (w.text().equals("--") && !endOfOptions) {
                endOfOptions = true;
                continue;
            }
            if (ArgPaths.url(w.text())) {
                urls.add(w.text());
                String file = ArgPaths.urlFile(w.text());
                if (file != null) {
                    urlFiles.add(real(file, cwd));
                }
            } else if ((endOfOptions || !ArgPaths.option(w.text())) && !w.text().isEmpty() && w.text().indexOf('\0') < 0) {
                List<String> named0 = ArgPaths.of(w);
                if (!named0.isEmpty()) {
                    operands.add(facts(named0.get(0), cwd).realPath());
                }
            }
        }
        // a writer told where to write by an option writes there, not (only) at its last operand
        String destination = null;
        for (String dir : Destinations.of(program, argv)) {
            String real = real(dir, cwd);
            // last, so that a mode-first writer's dropped first operand (tar xf) is never the destination
            operands.remove(real);
            operands.add(real);
            if (Destinations.replacesLast(program)) {
                destination = real;
            }
        }
        List<String> writes = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        List<String> unknownWrites = new ArrayList<>();
        // strace -o FILE, tcpdump -w FILE: the program's own output file is written like a redirection's target
        for (String file : Destinations.outputs(program, argv)) {
            writes.add(real(file, cwd));
        }
        String hereText = null;
        boolean hereDynamic = false;
        for (Script.Redirect r : redirects) {
            if (r.text()) {
                hereText = r.target().text();
                hereDynamic = r.target().dynamic();
                dynamic |= hereDynamic;
                continue;
            }
            boolean decidedLater = r.target().dynamic() || r.target().glob();
            if (r.writes() && decidedLater) {
                // the literal directory is not what is written, and granting it would grant every sibling
                unknownWrites.add(unknownTarget(r.target(), cwd));
            }
            for (String p : ArgPaths.of(r.target())) {
                String real = facts(p, cwd).realPath();
                if (r.writes() && !decidedLater) {
                    writes.add(real);
                }
                if (r.reads()) {
                    reads.add(real);
                }
            }
            dynamic |= decidedLater;
        }
        String runtimeCode = !words.isEmpty() && (words.get(0).dynamic() || words.get(0).glob())
                ? "the program is decided at run time (" + words.get(0).text() + ")" : null;
        // what a wrapper or shell runs comes from these words: a part built from them is decided at run time too
        Map<String, Script.Word> runtime = new HashMap<>();
        for (Script.Word w : words.subList(Math.min(1, words.size()), words.size())) {
            if (w.dynamic() || w.glob()) {
                runtime.putIfAbsent(w.text(), w);
            }
        }
        if (hereDynamic && hereText != null && !hereText.isEmpty()) {
            runtime.putIfAbsent(hereText, new Script.Word(hereText, true, false, 0));
        }

        List<Exec> parts = new ArrayList<>();
        String code = null;
        boolean codeRead = false;
        String codeUnknown = null;
        for (Script s : substitutions) {
            parts.addAll(commands(s, "$(...)", cwd, depth));
            if (s.unknown() != null) {
                codeUnknown = "a command substitution: " + s.unknown();
                code = String.join(" ", argv);
            }
        }
        if (depth < MAX_DEPTH) {
            Unwrap.Inner inner = Unwrap.of(program, named, argv, hereText, home);
            switch (inner) {
                case Unwrap.Inner.None none -> {
                }
                case Unwrap.Inner.Command c -> parts.add(build(restore(c.words(), runtime),
                        c.cwd() == null ? cwd : real(c.cwd(), cwd), List.of(), List.of(), c.via(), c.dynamic(), depth + 1));
                case Unwrap.Inner.Shell sh -> {
                    // mktemp makes files in /tmp unless the plan's environment names another TMPDIR
                    Script script = ShellParser.parse(sh.script(), cwd, home, env.containsKey("TMPDIR") ? null : "/tmp");
                    parts.addAll(commands(script, sh.via(), cwd, depth));
                    code = sh.script();
                    codeRead = script.unknown() == null;
                    codeUnknown = script.unknown();
                    String built = builtFrom(sh.script(), runtime);
                    if (built != null) {
                        // the text read here is not the script the shell gets: the expansion comes first
                        runtimeCode = "the script " + sh.via() + " runs is put together at run time (" + built + ")";
                        codeRead = false;
                        codeUnknown = codeUnknown == null ? runtimeCode : codeUnknown;
                    }
                }
                case Unwrap.Inner.Code c -> {
                    code = c.code();
                    codeUnknown = c.why();
                }
            }
        } else {
            codeUnknown = "commands nested more than " + MAX_DEPTH + " deep";
        }
        if (code != null && !codeRead) {
            // code nobody reads may still name files: a secret named in it is a secret it reads
            for (String p : ArgPaths.embedded(code, home)) {
                pathArgs.add(facts(p, cwd).realPath());
            }
        }
        return new Exec(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                argv, program, named, programPath, programNamed,
                argv.isEmpty() ? List.of() : argv.subList(1, argv.size()),
                cwd == null ? null : context.path(cwd).realPath(),
                timeoutSec, asRoot, env, List.copyOf(pathArgs), List.copyOf(operands),
                destination != null ? destination : operands.isEmpty() ? null : operands.get(operands.size() - 1),
                List.copyOf(dirArgs), List.copyOf(writes),
                List.copyOf(reads), List.copyOf(unknownWrites), List.copyOf(urls), List.copyOf(urlFiles), via, dynamic, code,
                codeRead, codeUnknown, runtimeCode, List.copyOf(parts));
    }

    /** the words as read, with the flags of the words they came from (a wrapper's argv is plain text). */
    private static List<Script.Word> restore(List<Script.Word> words, Map<String, Script.Word> runtime) {
        return words.stream().map(w -> runtime.getOrDefault(w.text(), w)).toList();
    }

    /** the first word decided at run time that the script text holds, or null. */
    private static String builtFrom(String script, Map<String, Script.Word> runtime) {
        return runtime.keySet().stream().filter(t -> !t.isEmpty() && script.contains(t)).sorted().findFirst().orElse(null);
    }

    /**
     * a write target decided at run time as far as it is known: the real path of the directory it
     * surely lies in, then the rest as written; the word itself when it may not start with a path.
     */
    private String unknownTarget(Script.Word target, String cwd) {
        String prefix = target.literalPrefix();
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) {
            return prefix.isEmpty() || cwd == null ? target.text() : join(real(cwd, null), target.text());
        }
        return join(real(slash == 0 ? "/" : prefix.substring(0, slash), cwd), target.text().substring(slash + 1));
    }

    private static String join(String dir, String rest) {
        return dir.endsWith("/") ? dir + rest : dir + "/" + rest;
    }

    private List<Exec> commands(Script script, String via, String cwd, int depth) {
        List<Exec> out = new ArrayList<>();
        for (Script.Command c : script.commands()) {
            out.add(build(c.words(), c.cwd() == null ? cwd : c.cwd(), c.redirects(), c.substitutions(), via, false, depth + 1));
        }
        return out;
    }

    private PathFacts facts(String path, String cwd) {
        return context.path(absolute(path, cwd));
    }

    private String real(String path, String cwd) {
        return facts(path, cwd).realPath();
    }

    /** relative paths against the command's cwd; with none, the context's own (the executor's) cwd. */
    private static String absolute(String path, String cwd) {
        if (path.startsWith("/") || cwd == null) {
            return path;
        }
        return cwd.endsWith("/") ? cwd + path : cwd + "/" + path;
    }
}
