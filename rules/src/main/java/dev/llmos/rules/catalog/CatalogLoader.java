package dev.llmos.rules.catalog;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * reads and checks a policy's catalogues ({@code catalog/*.yaml} under the policy directory).
 * a bad catalogue is a policy error naming the file and line, like a .drl that does not compile.
 */
public final class CatalogLoader {

    /** the folder, relative to the policy directory. */
    public static final String FOLDER = "catalog";

    private static final Pattern CLASS_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9._+*?\\[-]+");

    /** one catalogue file's relative path and text, for the policy digest. */
    public record CatalogFile(String path, String text) {
    }

    private CatalogLoader() {
    }

    /** the catalogue files of a policy directory, sorted by name; none when there is no catalog/ folder. */
    public static List<CatalogFile> files(Path policyDir) {
        Path dir = policyDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<CatalogFile> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p)) {
                    out.add(new CatalogFile(FOLDER + "/" + name, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw problem(FOLDER, 0, "cannot read the catalogues: " + e.getMessage());
        }
        return out;
    }

    /** the parsed catalogue, and the same documents as json for the policy cache. */
    public record Loaded(PolicyCatalog catalog, byte[] json) {
    }

    /** parses and checks the files; every problem at once, each with its file and line. */
    public static PolicyCatalog load(List<CatalogFile> files) {
        return check(files, CatalogYaml::parse);
    }

    /** {@link #load}, also handing back the parsed documents as json (see {@link #fromJson}). */
    public static Loaded loadForCache(List<CatalogFile> files) {
        List<CatalogJson.Entry> entries = new ArrayList<>();
        PolicyCatalog catalog = check(files, (file, problems) -> {
            CatalogDocument doc = CatalogYaml.parse(file, problems);
            entries.add(new CatalogJson.Entry(file.path(), doc));
            return doc;
        });
        return new Loaded(catalog, CatalogJson.write(new CatalogJson.Parsed(entries)));
    }

    /**
     * the catalogue from json that {@link #loadForCache} wrote for exactly these files, checked as the
     * yaml is; no yaml parser is loaded.
     *
     * @throws IOException when the json is not the parsed form of these files
     */
    public static PolicyCatalog fromJson(List<CatalogFile> files, byte[] json) throws IOException {
        List<CatalogDocument> docs = CatalogJson.read(json, files);
        return check(files, (file, problems) -> docs.get(files.indexOf(file)));
    }

    /** the classes the cached json is bound to, so a cache can tell when they changed. */
    public static List<String> boundClasses() {
        return CatalogJson.BOUND.stream().map(Class::getName).toList();
    }

    private static PolicyCatalog check(List<CatalogFile> files, BiFunction<CatalogFile, List<PolicyProblem>, CatalogDocument> reader) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<PolicyCatalog.Group> secrets = new ArrayList<>();
        List<PolicyCatalog.Group> persistence = new ArrayList<>();
        List<PolicyCatalog.Group> control = new ArrayList<>();
        List<String> secretPaths = new ArrayList<>();
        List<PolicyCatalog.Sockets> sockets = new ArrayList<>();
        Map<String, List<Pattern>> classes = new LinkedHashMap<>();
        Map<String, CatalogDocument.Query> queries = new LinkedHashMap<>();
        Map<String, String> definedIn = new LinkedHashMap<>();
        for (CatalogFile file : files) {
            // null for an empty file, or one that did not parse (its problem is already added)
            CatalogDocument doc = reader.apply(file, problems);
            if (doc == null) {
                continue;
            }
            Checker check = new Checker(file, problems);
            secrets.addAll(check.groups("secrets", doc.secrets(), definedIn));
            persistence.addAll(check.groups("persistence", doc.persistence(), definedIn));
            control.addAll(check.groups("control", doc.control(), definedIn));
            if (doc.secrets() != null) {
                doc.secrets().values().forEach(g -> {
                    if (g != null && g.paths() != null) {
                        // the sandbox mounts a /proc and a /dev of its own, which show none of these: masks there
                        // would only fail to mount; rules still refuse them by name
                        g.paths().stream().filter(p -> PathPattern.invalid(p) == null)
                                .filter(p -> !p.startsWith("/proc/") && !p.startsWith("/dev/"))
                                .forEach(secretPaths::add);
                    }
                });
            }
            if (doc.sockets() != null) {
                doc.sockets().forEach((name, g) -> {
                    PolicyCatalog.Sockets group = check.sockets(name, g, definedIn);
                    if (group != null) {
                        sockets.add(group);
                    }
                });
            }
            if (doc.queries() != null) {
                doc.queries().forEach((name, q) -> {
                    String key = "query " + name;
                    if (definedIn.putIfAbsent(key, file.path()) != null) {
                        check.at(name + ":", "read-only forms of '" + name + "' are also defined in " + definedIn.get(key));
                    } else if (q == null) {
                        check.at(name + ":", "read-only forms of '" + name + "' are empty");
                    } else if (q.maxOperands() != null && q.maxOperands() < 0) {
                        check.at("max-operands", "max-operands of '" + name + "' must be 0 or more");
                    } else if (q.denyShort() != null && q.denyShort().stream().anyMatch(l -> l == null || l.length() != 1)) {
                        check.at("deny-short", "deny-short of '" + name + "' must list single letters");
                    } else if (q.requireOptions() != null && q.requireOptions().stream().anyMatch(o -> o == null || !o.startsWith("-"))) {
                        check.at("require-options", "require-options of '" + name + "' must list options (-x, --name)");
                    } else {
                        queries.put(name, q);
                    }
                });
            }
            if (doc.classes() != null) {
                doc.classes().forEach((name, c) -> {
                    String key = "class " + name;
                    if (definedIn.putIfAbsent(key, file.path()) != null) {
                        check.at(name + ":", "program class '" + name + "' is also defined in " + definedIn.get(key));
                        return;
                    }
                    if (!CLASS_NAME.matcher(name).matches()) {
                        check.at(name + ":", "program class '" + name + "' must be lowercase letters, digits and -");
                    }
                    if (c == null || c.programs() == null || c.programs().isEmpty()) {
                        check.at(name + ":", "program class '" + name + "' lists no programs");
                        return;
                    }
                    List<Pattern> names = new ArrayList<>();
                    for (String program : c.programs()) {
                        if (program == null || !PROGRAM.matcher(program).matches()) {
                            check.at(String.valueOf(program), "program '" + program + "' in class '" + name
                                    + "' must be a name or a name glob, without / or spaces");
                            continue;
                        }
                        names.add(Pattern.compile(Globs.regex(program)));
                    }
                    classes.put(name, names);
                });
            }
        }
        if (problems.stream().anyMatch(PolicyProblem::error)) {
            throw new PolicyLoadException(problems);
        }
        return new PolicyCatalog(secrets, persistence, control, secretPaths, classes, queries, sockets);
    }

    /** checks one file's groups, locating problems by the offending text's line. */
    private record Checker(CatalogFile file, List<PolicyProblem> problems) {

        List<PolicyCatalog.Group> groups(String kind, Map<String, CatalogDocument.PathGroup> groups, Map<String, String> definedIn) {
            List<PolicyCatalog.Group> out = new ArrayList<>();
            if (groups == null) {
                return out;
            }
            groups.forEach((name, g) -> {
                String key = kind + " " + name;
                if (definedIn.putIfAbsent(key, file.path()) != null) {
                    at(name + ":", kind + " group '" + name + "' is also defined in " + definedIn.get(key));
                    return;
                }
                if (g == null || g.paths() == null || g.paths().isEmpty()) {
                    at(name + ":", kind + " group '" + name + "' lists no paths");
                    return;
                }
                out.add(new PolicyCatalog.Group(name, patterns(g.paths()), patterns(g.except()), patterns(g.dirs())));
            });
            return out;
        }

        PolicyCatalog.Sockets sockets(String name, CatalogDocument.SocketGroup g, Map<String, String> definedIn) {
            String key = "sockets " + name;
            if (definedIn.putIfAbsent(key, file.path()) != null) {
                at(name + ":", "sockets group '" + name + "' is also defined in " + definedIn.get(key));
                return null;
            }
            if (g == null || g.paths() == null || g.paths().isEmpty()) {
                at(name + ":", "sockets group '" + name + "' lists no paths");
                return null;
            }
            List<String> paths = new ArrayList<>();
            for (String p : g.paths()) {
                String invalid = PathPattern.invalid(p);
                if (invalid != null) {
                    at(String.valueOf(p), invalid);
                } else if (p.startsWith("/proc/") || p.startsWith("/dev/")) {
                    // the sandbox's own /proc and /dev show no host sockets: a mask there would only fail to mount
                    at(p, "socket '" + p + "' in group '" + name + "' lies under /proc or /dev, which confined programs see fresh");
                } else {
                    paths.add(p);
                }
            }
            List<Pattern> clients = new ArrayList<>();
            for (String program : g.clients() == null ? List.<String>of() : g.clients()) {
                if (program == null || !PROGRAM.matcher(program).matches()) {
                    at(String.valueOf(program), "client '" + program + "' of sockets group '" + name
                            + "' must be a name or a name glob, without / or spaces");
                } else {
                    clients.add(Pattern.compile(Globs.regex(program)));
                }
            }
            return new PolicyCatalog.Sockets(name, List.copyOf(paths), List.copyOf(clients));
        }

        private List<PathPattern> patterns(List<String> texts) {
            List<PathPattern> out = new ArrayList<>();
            if (texts == null) {
                return out;
            }
            for (String text : texts) {
                String invalid = PathPattern.invalid(text);
                if (invalid != null) {
                    at(String.valueOf(text), invalid);
                } else {
                    out.add(PathPattern.of(text));
                }
            }
            return out;
        }

        void at(String needle, String message) {
            CatalogLoader.at(file, problems, needle, message);
        }
    }

    /** a problem located at the first line of the file that holds the needle (line 0 when none does). */
    static void at(CatalogFile file, List<PolicyProblem> problems, String needle, String message) {
        int line = 0;
        String[] lines = file.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                line = i + 1;
                break;
            }
        }
        problems.add(new PolicyProblem(file.path(), line, 0, message, true));
    }

    private static PolicyLoadException problem(String file, int line, String message) {
        return new PolicyLoadException(List.of(new PolicyProblem(file, line, 0, message, true)));
    }
}
