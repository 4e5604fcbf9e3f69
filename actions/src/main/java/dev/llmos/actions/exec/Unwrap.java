package dev.llmos.actions.exec;

import java.util.regex.Pattern;
import dev.llmos.actions.exec.shell.Script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * what a command runs besides itself, from the syntax of the programs that run others: shells
 * (-c scripts, here-strings), wrappers (timeout, nice, env, xargs, ...), find -exec, multi-call
 * binaries, the dynamic loader, and programs that hand a string to /bin/sh (tar
 * --checkpoint-action, vim -c '!...', rsync -e). interpreters' inline code is returned as code,
 * unread. which of these programs policy trusts is the catalogue's business, not this class's.
 */
final class Unwrap {

    // compiled once: String.matches compiles its pattern on every call, for every command of every plan
    private static final Pattern LOADER = Pattern.compile("ld(-linux.*|-musl.*|64)?\\.so.*");
    private static final Pattern LOADER_ANY = Pattern.compile("ld-.*\\.so.*");

    /** what a command runs. */
    sealed interface Inner {
        record None() implements Inner {
        }

        record Command(List<Script.Word> words, String cwd, String via, boolean dynamic) implements Inner {
        }

        record Shell(String script, String via) implements Inner {
        }

        record Code(String code, String why) implements Inner {
        }
    }

    static final Inner NONE = new Inner.None();

    static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ksh93", "mksh", "lksh", "ash", "posh", "yash",
            "rbash");

    /** wrapper name -> options that take a value, and how many operands come before the program. */
    private record Syntax(Set<String> valued, int leading) {
    }

    private static final Map<String, Syntax> WRAPPERS = Map.ofEntries(
            Map.entry("timeout", new Syntax(Set.of("-s", "--signal", "-k", "--kill-after"), 1)),
            Map.entry("nice", new Syntax(Set.of("-n", "--adjustment"), 0)),
            Map.entry("ionice", new Syntax(Set.of("-c", "--class", "-n", "--classdata", "-p", "--pid", "-P", "-u"), 0)),
            Map.entry("stdbuf", new Syntax(Set.of("-i", "-o", "-e", "--input", "--output", "--error"), 0)),
            Map.entry("setsid", new Syntax(Set.of(), 0)),
            Map.entry("nohup", new Syntax(Set.of(), 0)),
            Map.entry("time", new Syntax(Set.of("-f", "--format", "-o", "--output"), 0)),
            Map.entry("command", new Syntax(Set.of(), 0)),
            Map.entry("builtin", new Syntax(Set.of(), 0)),
            Map.entry("exec", new Syntax(Set.of("-a"), 0)),
            Map.entry("chrt", new Syntax(Set.of("-T", "-P", "-D"), 1)),
            Map.entry("taskset", new Syntax(Set.of(), 1)),
            Map.entry("flock", new Syntax(Set.of("-w", "--timeout", "-E", "--conflict-exit-code"), 1)),
            Map.entry("numactl", new Syntax(Set.of("-C", "-N", "-m", "-i", "-p", "--physcpubind", "--cpunodebind", "--membind",
                    "--interleave", "--preferred"), 0)),
            Map.entry("prlimit", new Syntax(Set.of("-p", "--pid"), 0)),
            Map.entry("strace", new Syntax(Set.of("-o", "-e", "-p", "-s", "-u", "-E", "-a", "-O", "-S", "-P", "-b", "-I", "-X"), 0)),
            Map.entry("ltrace", new Syntax(Set.of("-o", "-e", "-p", "-s", "-u", "-n", "-a", "-A", "-D", "-F", "-L", "-w", "-x"), 0)),
            Map.entry("valgrind", new Syntax(Set.of(), 0)),
            Map.entry("systemd-inhibit", new Syntax(Set.of(), 0)),
            Map.entry("unbuffer", new Syntax(Set.of(), 0)),
            Map.entry("nocache", new Syntax(Set.of(), 0)),
            Map.entry("eatmydata", new Syntax(Set.of(), 0)),
            Map.entry("chronic", new Syntax(Set.of(), 0)),
            Map.entry("catchsegv", new Syntax(Set.of(), 0)),
            Map.entry("cgexec", new Syntax(Set.of("-g"), 0)),
            Map.entry("trickle", new Syntax(Set.of("-u", "-d", "-w", "-t", "-l", "-n"), 0)),
            Map.entry("torsocks", new Syntax(Set.of("-u", "-p", "-a", "-P"), 0)),
            Map.entry("faketime", new Syntax(Set.of(), 1)),
            Map.entry("tini", new Syntax(Set.of("-p", "-e"), 0)),
            Map.entry("dumb-init", new Syntax(Set.of("-r", "--rewrite"), 0)),
            Map.entry("perf", new Syntax(Set.of("-o", "-e", "-p", "-c", "-F"), 1)),
            Map.entry("xargs", new Syntax(Set.of("-a", "--arg-file", "-d", "--delimiter", "-E", "-e", "-I", "-i", "-L", "-l",
                    "-n", "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var"), 0)));

    private static final Set<String> LOADER_VALUED = Set.of("--library-path", "--preload", "--audit", "--argv0",
            "--inhibit-rpath", "--glibc-hwcaps-prepend", "--glibc-hwcaps-mask");

    private Unwrap() {
    }

    static Inner of(String program, String named, List<String> argv, String hereText, String home) {
        if (argv.isEmpty()) {
            return NONE;
        }
        List<String> args = argv.subList(1, argv.size());
        if (SHELLS.contains(program)) {
            return shell(program, args, hereText);
        }
        if (program.equals("busybox") || program.equals("toybox") || program.startsWith("busybox.")) {
            if (!named.equals(program) && !named.startsWith("busybox")) {
                return command(concat(List.of(named), args), null, program, false);
            }
            return args.isEmpty() || args.get(0).startsWith("-") ? NONE : command(args, null, program, false);
        }
        if (LOADER.matcher(program).matches() || LOADER_ANY.matcher(program).matches()) {
            int i = 0;
            while (i < args.size() && args.get(i).startsWith("--")) {
                i += LOADER_VALUED.contains(args.get(i)) ? 2 : 1;
            }
            return i < args.size() ? command(args.subList(i, args.size()), null, "ld.so", false) : NONE;
        }
        if (program.equals("find")) {
            return Exec2.find(args);
        }
        if (program.equals("env")) {
            return env(args);
        }
        if (program.equals("watch")) {
            return Exec2.watch(args);
        }
        if (program.equals("flock") || program.equals("script") || program.equals("su") || program.equals("runuser")) {
            for (int i = 0; i + 1 < args.size(); i++) {
                if (args.get(i).equals("-c") || args.get(i).equals("--command")) {
                    return new Inner.Shell(args.get(i + 1), program + " -c");
                }
            }
        }
        Syntax syntax = WRAPPERS.get(program);
        if (syntax != null) {
            if (program.equals("command") && args.stream().anyMatch(a -> a.equals("-v") || a.equals("-V"))) {
                return NONE;
            }
            int i = 0;
            while (i < args.size() && ArgPaths.option(args.get(i)) && !args.get(i).equals("--")) {
                i += syntax.valued().contains(args.get(i)) ? 2 : 1;
            }
            if (i < args.size() && args.get(i).equals("--")) {
                i++;
            }
            i += syntax.leading();
            if (i < args.size() && program.equals("xargs")) {
                return xargs(args.subList(0, i), args.subList(i, args.size()));
            }
            return i < args.size() ? command(args.subList(i, args.size()), null, program, false) : NONE;
        }
        return Exec2.embedded(program, args);
    }

    private static Inner shell(String program, List<String> args, String hereText) {
        boolean dashC = false;
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!(a.startsWith("-") || a.startsWith("+")) || a.equals("-") ) {
                break;
            }
            if (a.equals("-o") || a.equals("+o") || a.equals("-O") || a.equals("+O") || a.equals("--rcfile") || a.equals("--init-file")) {
                i += 2;
                continue;
            }
            if (!a.startsWith("--") && a.substring(1).contains("c")) {
                dashC = true;
            }
            i++;
        }
        if (dashC) {
            return i < args.size() ? new Inner.Shell(args.get(i), program + " -c") : new Inner.Code("", "-c without a script");
        }
        if (i < args.size()) {
            return new Inner.Code(args.get(i), "runs the script file " + args.get(i) + ", which policy does not read");
        }
        if (hereText != null) {
            return new Inner.Shell(hereText, program + " <<<");
        }
        return new Inner.Code("", program + " reads commands from its input");
    }

    private static Inner env(List<String> args) {
        EnvArgs env = EnvArgs.of(args);
        if (env.split() != null) {
            return new Inner.Shell(env.split(), "env -S");
        }
        return env.commandAt() < args.size() ? command(args.subList(env.commandAt(), args.size()), env.cwd(), "env", false) : NONE;
    }

    /**
     * xargs runs its command with input appended, or with input put in place of a replace string
     * (-I R, -i, --replace): words holding R are decided at run time, so a script or program made
     * of them is not what policy reads.
     */
    private static Inner xargs(List<String> options, List<String> command) {
        String replace = null;
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals("-I") && i + 1 < options.size()) {
                replace = options.get(i + 1);
            } else if (o.startsWith("-I") && o.length() > 2) {
                replace = o.substring(2);
            } else if (o.equals("-i") || o.equals("--replace")) {
                replace = "{}";
            } else if (o.startsWith("-i") || o.startsWith("--replace=")) {
                replace = o.substring(o.startsWith("-i") ? 2 : 10);
            }
        }
        String r = replace;
        List<Script.Word> words = command.stream()
                .map(a -> r != null && !r.isEmpty() && a.contains(r) ? new Script.Word(a, true, false, a.indexOf(r)) : Script.Word.plain(a))
                .toList();
        return new Inner.Command(words, null, "xargs", true);
    }

    static Inner command(List<String> argv, String cwd, String via, boolean dynamic) {
        return new Inner.Command(argv.stream().map(Script.Word::plain).toList(), cwd, via, dynamic);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
