package dev.llmos.actions.exec;

import java.util.regex.Pattern;
import dev.llmos.actions.exec.shell.Script;

import java.util.ArrayList;
import java.util.List;

/** the rest of {@link Unwrap}: find -exec, watch, and shell strings embedded in other programs' options. */
final class Exec2 {

    // compiled once: String.matches compiles its pattern on every call, for every command of every plan
    private static final Pattern SSH_COMMAND_OPTION = Pattern.compile("(proxycommand|localcommand|remotecommand-x)[ =].*");
    private static final Pattern GIT_COMMAND_CONFIG = Pattern.compile("(core\\.(sshcommand|pager|fsmonitor|editor|hookspath)|.*\\.(textconv|command|helper|cmd)|alias\\..*)=.*");
    private static final Pattern VI_LIKE = Pattern.compile("(vi|vim|nvim|view|ex|rvim|vim\\..*|gvim)");
    private static final Pattern PYTHON = Pattern.compile("python[0-9.]*|pypy[0-9.]*");
    private static final Pattern E_INTERPRETER = Pattern.compile("perl[0-9.]*|ruby[0-9.]*|lua[0-9.]*|luajit|Rscript|julia|node|nodejs");
    private static final Pattern PHP = Pattern.compile("php[0-9.]*");
    private static final Pattern AWK = Pattern.compile("g?awk|mawk|nawk|busybox-awk");

    private Exec2() {
    }

    /** find ROOTS... EXPR -exec CMD {} ; : CMD with {} as the roots (each found file lies beneath one). */
    static Unwrap.Inner find(List<String> args) {
        List<String> roots = new ArrayList<>();
        int i = 0;
        while (i < args.size() && (args.get(i).equals("-H") || args.get(i).equals("-L") || args.get(i).equals("-P")
                || args.get(i).startsWith("-O") || args.get(i).startsWith("-D"))) {
            i += args.get(i).equals("-D") ? 2 : 1;
        }
        while (i < args.size() && !args.get(i).startsWith("-") && !args.get(i).equals("(") && !args.get(i).equals("!")) {
            roots.add(args.get(i++));
        }
        if (roots.isEmpty()) {
            roots.add(".");
        }
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-exec") || a.equals("-execdir") || a.equals("-ok") || a.equals("-okdir")) {
                List<String> cmd = new ArrayList<>();
                for (i++; i < args.size() && !args.get(i).equals(";") && !args.get(i).equals("+"); i++) {
                    if (args.get(i).contains("{}")) {
                        for (String root : roots) {
                            cmd.add(args.get(i).replace("{}", root));
                        }
                    } else {
                        cmd.add(args.get(i));
                    }
                }
                // several -exec clauses: the first is decided here, the others are rare enough to be unknown
                return cmd.isEmpty() ? Unwrap.NONE : Unwrap.command(cmd, null, "find " + a, true);
            }
        }
        return Unwrap.NONE;
    }

    /** watch joins its arguments and runs them with sh -c, unless -x. */
    static Unwrap.Inner watch(List<String> args) {
        int i = 0;
        boolean exec = false;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i);
            exec |= a.equals("-x") || a.equals("--exec");
            i += a.equals("-n") || a.equals("--interval") || a.equals("-q") || a.equals("--equexit") ? 2 : 1;
        }
        if (i >= args.size()) {
            return Unwrap.NONE;
        }
        List<String> rest = args.subList(i, args.size());
        return exec ? Unwrap.command(rest, null, "watch", false) : new Unwrap.Inner.Shell(String.join(" ", rest), "watch");
    }

    /** shell strings other programs hand to /bin/sh, and inline code of interpreters. */
    static Unwrap.Inner embedded(String program, List<String> args) {
        List<String> scripts = new ArrayList<>();
        String via = program;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (program) {
                case "tar" -> {
                    value(a, next, scripts, "--to-command", "--use-compress-program", "--info-script", "--new-volume-script",
                            "--rsh-command", "-I", "-F");
                    if (a.startsWith("--checkpoint-action=exec=")) {
                        scripts.add(a.substring("--checkpoint-action=exec=".length()));
                    }
                }
                case "rsync" -> value(a, next, scripts, "-e", "--rsh", "--rsync-path");
                case "zip" -> value(a, next, scripts, "-TT", "--unzip-command");
                case "ssh", "scp", "sftp" -> {
                    String opt = a.startsWith("-o") && a.length() > 2 ? a.substring(2) : a.equals("-o") ? next : null;
                    if (opt != null && SSH_COMMAND_OPTION.matcher(opt.toLowerCase()).matches()) {
                        scripts.add(opt.substring(opt.indexOf(opt.contains("=") ? '=' : ' ') + 1));
                    }
                }
                case "git" -> {
                    String opt = a.equals("-c") ? next : null;
                    if (opt != null && GIT_COMMAND_CONFIG.matcher(opt.toLowerCase()).matches()) {
                        scripts.add(opt.substring(opt.indexOf('=') + 1).replaceFirst("^!", ""));
                    }
                    value(a, next, scripts, "--upload-pack", "--receive-pack", "--exec");
                }
                default -> {
                    if (VI_LIKE.matcher(program).matches()) {
                        String cmd = a.equals("-c") || a.equals("--cmd") ? next : a.startsWith("+") ? a.substring(1) : null;
                        if (cmd != null) {
                            String c = cmd.strip().replaceFirst("^:", "");
                            if (c.startsWith("!") || c.startsWith("sh") || c.startsWith("terminal") || c.startsWith("r !")
                                    || c.startsWith("w !") || c.startsWith("py") || c.startsWith("lua") || c.startsWith("perl")
                                    || c.startsWith("call system")) {
                                return new Unwrap.Inner.Code(cmd, "an editor command that runs programs");
                            }
                        }
                    }
                }
            }
        }
        if (!scripts.isEmpty()) {
            return new Unwrap.Inner.Shell(String.join("\n", scripts), via + " (runs a shell command)");
        }
        return inline(program, args);
    }

    private static void value(String a, String next, List<String> out, String... options) {
        for (String o : options) {
            if (a.equals(o) && next != null) {
                out.add(next);
            } else if (o.startsWith("--") && a.startsWith(o + "=")) {
                out.add(a.substring(o.length() + 1));
            }
        }
    }

    /** inline code of an interpreter (-c, -e, an awk program): returned unread. */
    private static Unwrap.Inner inline(String program, List<String> args) {
        String flag = null;
        if (PYTHON.matcher(program).matches()) {
            flag = "-c";
        } else if (E_INTERPRETER.matcher(program).matches()) {
            flag = "-e";
        } else if (PHP.matcher(program).matches()) {
            flag = "-r";
        }
        if (flag != null) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                boolean cluster = a.startsWith("-") && !a.startsWith("--") && a.endsWith(flag.substring(1));
                if ((a.equals(flag) || cluster || a.equals("-E") || a.equals("--eval") || a.equals("-p") || a.equals("--print"))
                        && i + 1 < args.size()) {
                    return new Unwrap.Inner.Code(args.get(i + 1), program + " code is not read");
                }
                if (!a.startsWith("-")) {
                    return new Unwrap.Inner.Code(a, program + " runs the file " + a + ", which policy does not read");
                }
            }
            return new Unwrap.Inner.Code("", program + " runs code from its input");
        }
        if (AWK.matcher(program).matches()) {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-f") || a.startsWith("--file")) {
                    return new Unwrap.Inner.Code("", "awk runs a program file, which policy does not read");
                }
                if (a.equals("-F") || a.equals("-v")) {
                    i++;
                } else if (!a.startsWith("-")) {
                    return new Unwrap.Inner.Code(a, "awk code is not read");
                }
            }
        }
        return Unwrap.NONE;
    }

    static List<Script.Word> words(List<String> argv) {
        return argv.stream().map(Script.Word::plain).toList();
    }
}
