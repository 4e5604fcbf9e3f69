package dev.llmos.cli.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * which part of the command tree a command line needs (decision 0023). picocli reads every
 * subcommand's annotations, and through them their types, when a command line is built: for
 * {@code llmsh --version} that was most of its start. this skips the global options to find the
 * subcommand named, and answers it alone; the root alone for {@code --version}; and nothing (the
 * whole tree) for help, no subcommand, an unknown word or anything it does not understand, so
 * picocli's own messages and suggestions stay exactly as they were.
 */
public final class LazyTree {

    private LazyTree() {
    }

    /**
     * the subcommands of {@code full} (a root with {@code @Command(subcommands)}) that {@code args}
     * reach: one, or none for a bare {@code --version}; empty when the whole tree is needed.
     */
    public static Optional<List<Class<?>>> pick(Class<?> full, String[] args) {
        Set<String> valued = new HashSet<>();
        Set<String> flags = new HashSet<>();
        for (Field f : GlobalOptions.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                boolean flag = f.getType() == boolean.class || f.getType() == boolean[].class;
                (flag ? flags : valued).addAll(List.of(o.names()));
            }
        }
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (valued.contains(a)) {
                i++;
            } else if (a.startsWith("--") && a.indexOf('=') > 0 && valued.contains(a.substring(0, a.indexOf('=')))) {
                continue;
            } else if (flags.contains(a) || a.matches("-v+")) {
                continue;
            } else if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (a.startsWith("-")) {
                return Optional.empty();
            } else {
                return named(full, a).map(List::of);
            }
        }
        return version ? Optional.of(List.of()) : Optional.empty();
    }

    private static Optional<Class<?>> named(Class<?> full, String name) {
        for (Class<?> sub : full.getAnnotation(Command.class).subcommands()) {
            Command c = sub.getAnnotation(Command.class);
            if (c != null && (c.name().equals(name) || List.of(c.aliases()).contains(name))) {
                return Optional.of(sub);
            }
        }
        return Optional.empty();
    }
}
