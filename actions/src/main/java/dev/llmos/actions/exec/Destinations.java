package dev.llmos.actions.exec;

import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * the directories writers are told to write into by an option rather than an operand: cp, mv, ln
 * and install -t, tar -C, unzip -d, cpio -D. the fact counts them among the operands (what a
 * writer changes) and, for the -t family, as the destination in place of the last operand: with
 * {@code cp -t /etc/cron.d /tmp/x} the last operand is the source.
 */
final class Destinations {

    // compiled once: String.matches compiles its pattern on every call, for every command of every plan
    private static final Pattern SHORT_CLUSTER = Pattern.compile("-[A-Za-z]{2,}");

    private record Options(Set<String> separate, Set<String> attachedPrefixes) {
    }

    private static final Options TARGET = new Options(Set.of("-t", "--target-directory"), Set.of("--target-directory=", "-t"));
    private static final Map<String, Options> BY_PROGRAM = Map.of(
            "cp", TARGET, "mv", TARGET, "ln", TARGET, "install", TARGET,
            "tar", new Options(Set.of("-C", "--directory"), Set.of("--directory=", "-C")),
            "bsdtar", new Options(Set.of("-C", "--cd"), Set.of("--cd=", "-C")),
            "unzip", new Options(Set.of("-d"), Set.of("-d")),
            "cpio", new Options(Set.of("-D", "--directory"), Set.of("--directory=", "-D")),
            "patch", new Options(Set.of("-d", "--directory"), Set.of("--directory=", "-d")));

    /** files a program writes its own output to when an option names one (strace -o FILE, tcpdump -w FILE). */
    private static final Map<String, Options> OUTPUTS = Map.of(
            "strace", new Options(Set.of("-o", "--output"), Set.of("--output=", "-o")),
            "ltrace", new Options(Set.of("-o", "--output"), Set.of("--output=", "-o")),
            "tcpdump", new Options(Set.of("-w"), Set.of("-w")),
            "tshark", new Options(Set.of("-w"), Set.of("-w")),
            "dumpcap", new Options(Set.of("-w"), Set.of("-w")),
            "valgrind", new Options(Set.of(), Set.of("--log-file=", "--xml-file=")),
            "perf", new Options(Set.of("-o", "--output"), Set.of("--output=", "-o")),
            "script", new Options(Set.of("-O", "--log-out", "-I", "--log-in", "-B", "--log-io", "-T", "--log-timing"),
                    Set.of("--log-out=", "--log-in=", "--log-io=", "--log-timing=")));

    private Destinations() {
    }

    /** the files the program's output options name, as written: they are written like a redirection's target. */
    static List<String> outputs(String program, List<String> argv) {
        return named(OUTPUTS.get(program), argv);
    }

    /** the directories named by the program's destination options, as written. */
    static List<String> of(String program, List<String> argv) {
        return named(BY_PROGRAM.get(program), argv);
    }

    private static List<String> named(Options options, List<String> argv) {
        List<String> out = new ArrayList<>();
        if (options == null) {
            return out;
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                break;
            }
            // -t DIR, and a cluster that ends with the option's letter (ln -st DIR, tar -xzC DIR)
            boolean clusterEnds = SHORT_CLUSTER.matcher(a).matches() && options.separate().contains("-" + a.charAt(a.length() - 1));
            if ((options.separate().contains(a) || clusterEnds) && i + 1 < argv.size()) {
                out.add(argv.get(++i));
                continue;
            }
            for (String prefix : options.attachedPrefixes()) {
                if (a.startsWith(prefix) && a.length() > prefix.length() && (prefix.startsWith("--") || !a.startsWith("--"))) {
                    out.add(a.substring(prefix.length()));
                    break;
                }
            }
        }
        out.removeIf(d -> d.isEmpty() || d.indexOf('\0') >= 0);
        return out;
    }

    /** whether the option names the destination in place of the last operand (cp -t DIR SRC...). */
    static boolean replacesLast(String program) {
        return BY_PROGRAM.get(program) == TARGET;
    }
}
