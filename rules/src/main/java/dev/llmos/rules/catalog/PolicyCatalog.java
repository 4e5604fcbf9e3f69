package dev.llmos.rules.catalog;

import dev.llmos.engine.spi.Catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * a policy's catalogues, loaded from its catalog/ folder: what is secret, what persists, what
 * controls the kernel, and which programs belong to which class. rules see it as a fact
 * ({@code $cat : PolicyCatalog()}) and ask it about real paths and program names; the executor
 * gets {@link #secretPaths()} to mask. immutable.
 */
public final class PolicyCatalog implements Catalog {

    /** a catalogue with nothing in it, for policies without a catalog/ folder. */
    public static final PolicyCatalog EMPTY = new PolicyCatalog(List.of(), List.of(), List.of(), List.of(), Map.of(), Map.of(),
            List.of());

    /** a named group of path patterns, compiled. */
    record Group(String name, List<PathPattern> paths, List<PathPattern> except, List<PathPattern> dirs) {

        boolean covers(String realPath) {
            return paths.stream().anyMatch(p -> p.covers(realPath)) && except.stream().noneMatch(p -> p.covers(realPath));
        }
    }

    /** a group of other services' sockets and the programs that are their own clients. */
    record Sockets(String name, List<String> paths, List<Pattern> clients) {
    }

    private final List<Group> secrets;
    private final List<Group> persistence;
    private final List<Group> control;
    private final List<String> secretPaths;
    private final Map<String, List<Pattern>> classes;
    private final Map<String, CatalogDocument.Query> queries;
    // a program's read-only forms compiled when first asked about: a start asks about one or two
    private final Map<String, QueryForm> forms = new ConcurrentHashMap<>();
    private final List<Sockets> sockets;
    // answers already worked out: rules ask the same questions about the same names and paths for
    // every action and every rule, and each answer is a pure function of this immutable catalogue
    private final Memo<List<String>> classesOf = new Memo<>();
    private final Memo<String> secretGroup = new Memo<>();
    private final Memo<String> persistenceGroup = new Memo<>();
    private final Memo<String> controlGroup = new Memo<>();
    private final Memo<Boolean> secretDir = new Memo<>();

    /** a bounded map of answers (plans name unboundedly many paths): emptied when it fills up. */
    private static final class Memo<V> {

        private static final int MAX = 4096;
        private static final Object NONE = new Object();
        private final Map<String, Object> answers = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        V get(String key, Function<String, V> work) {
            Object known = answers.get(key);
            if (known == null) {
                V value = work.apply(key);
                if (answers.size() >= MAX) {
                    answers.clear();
                }
                answers.put(key, value == null ? NONE : value);
                return value;
            }
            return known == NONE ? null : (V) known;
        }
    }

    PolicyCatalog(List<Group> secrets, List<Group> persistence, List<Group> control, List<String> secretPaths,
                  Map<String, List<Pattern>> classes, Map<String, CatalogDocument.Query> queries, List<Sockets> sockets) {
        this.sockets = List.copyOf(sockets);
        this.queries = Map.copyOf(queries);
        this.secrets = List.copyOf(secrets);
        this.persistence = List.copyOf(persistence);
        this.control = List.copyOf(control);
        this.secretPaths = List.copyOf(secretPaths);
        this.classes = Map.copyOf(new LinkedHashMap<>(classes));
    }

    @Override
    public List<String> secretPaths() {
        return secretPaths;
    }

    @Override
    public List<String> socketPaths() {
        return sockets.stream().flatMap(g -> g.paths().stream()).distinct().toList();
    }

    /** the socket patterns of every group that names the program (a basename) among its clients. */
    public List<String> socketsFor(String program) {
        if (program == null) {
            return List.of();
        }
        return sockets.stream().filter(g -> g.clients().stream().anyMatch(p -> p.matcher(program).matches()))
                .flatMap(g -> g.paths().stream()).distinct().toList();
    }

    /** whether the real path is a secret, or lies inside one. */
    public boolean secret(String realPath) {
        return secretGroup(realPath) != null;
    }

    /** the secret group the path belongs to ("ssh-keys"), or null. */
    public String secretGroup(String realPath) {
        return realPath == null ? null : secretGroup.get(realPath, p -> group(secrets, p));
    }

    /** whether the path is a secret, or a directory mostly made of them (~/.ssh itself, not the files in it). */
    public boolean secretDir(String realPath) {
        if (realPath == null) {
            return false;
        }
        return secretDir.get(realPath, p -> secret(p) || secrets.stream().flatMap(g -> g.dirs().stream()).anyMatch(d -> d.names(p)));
    }

    /** whether a secret may lie strictly beneath the directory (judged on the catalogue's text). */
    public boolean secretsBeneath(String dir) {
        return dir != null && secrets.stream().flatMap(g -> g.paths().stream()).anyMatch(p -> p.beneath(dir));
    }

    /** whether writing the path makes code run later (shell startup files, units, hooks, cron). */
    public boolean persistence(String realPath) {
        return realPath != null && persistenceGroup.get(realPath, p -> group(persistence, p)) != null;
    }

    /** whether writing (or opening) the path changes the running kernel or hardware. */
    public boolean control(String realPath) {
        return controlGroup(realPath) != null;
    }

    /** the control group the path belongs to ("hardware"), or null. */
    public String controlGroup(String realPath) {
        return realPath == null ? null : controlGroup.get(realPath, p -> group(control, p));
    }

    /** whether the program (a basename) is in the class. an unknown class is an error, not a miss. */
    public boolean is(String program, String programClass) {
        List<Pattern> names = classes.get(programClass);
        if (names == null) {
            throw new IllegalArgumentException("no program class '" + programClass + "' in the catalogue (known: "
                    + String.join(", ", new TreeSet<>(classes.keySet())) + ")");
        }
        return program != null && classesOf(program).contains(programClass);
    }

    /** whether any class names the program. */
    public boolean known(String program) {
        return program != null && !classesOf(program).isEmpty();
    }

    /** the classes that name the program, sorted. */
    public List<String> classesOf(String program) {
        if (program == null) {
            return List.of();
        }
        return classesOf.get(program, name -> {
            List<String> out = new ArrayList<>();
            classes.forEach((c, names) -> {
                if (names.stream().anyMatch(p -> p.matcher(name).matches())) {
                    out.add(c);
                }
            });
            return out.stream().sorted().toList();
        });
    }

    /**
     * the operands a writer changes: every one for class writer-operands, except the first for
     * programs whose first operand is a mode, owner or operation (class mode-first: chmod 600 F).
     */
    public List<String> written(String program, List<String> operands) {
        if (program == null || operands == null || !classes.containsKey("writer-operands") || !is(program, "writer-operands")) {
            return List.of();
        }
        if (classes.containsKey("mode-first") && is(program, "mode-first") && !operands.isEmpty()) {
            return operands.subList(1, operands.size());
        }
        return operands;
    }

    /** whether the catalogue lists read-only forms for the program. */
    public boolean queryProgram(String program) {
        return program != null && queries.containsKey(program);
    }

    /** whether the command is one of the program's read-only forms (false for programs without any). */
    public boolean query(String program, List<String> args) {
        QueryForm form = form(program);
        return form != null && args != null && form.problem(args) == null;
    }

    /** why the command is not a read-only form, for reasons shown to people; null when it is one. */
    public String queryProblem(String program, List<String> args) {
        QueryForm form = form(program);
        if (form == null) {
            return program + " has no read-only forms in the catalogue";
        }
        return form.problem(args == null ? List.of() : args);
    }

    private QueryForm form(String program) {
        CatalogDocument.Query q = program == null ? null : queries.get(program);
        return q == null ? null : forms.computeIfAbsent(program, p -> QueryForm.of(q));
    }

    public Set<String> classNames() {
        return new TreeSet<>(classes.keySet());
    }

    private static String group(List<Group> groups, String realPath) {
        if (realPath == null) {
            return null;
        }
        for (Group g : groups) {
            if (g.covers(realPath)) {
                return g.name();
            }
        }
        return null;
    }
}
