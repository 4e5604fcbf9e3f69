package dev.llmos.actions.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.actions.exec.SystemCommand;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * what the three package handlers share: choosing the backend, reading the package database before
 * and after, the manager's simulation, running a transaction, and putting exact versions back.
 */
final class PackageOps {

    /** a package name as every supported manager spells one; never an option, a path or a pattern. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9+._-]{0,127}(:[a-z0-9-]{1,32})?$");
    static final int DEFAULT_TIMEOUT_SEC = 900;
    /** a package database listing is far larger than an action's output excerpt. */
    private static final int SNAPSHOT_BYTES = 32 * 1024 * 1024;
    private static final int QUERY_TIMEOUT_SEC = 120;

    /** an action that cannot be carried out as asked; its message is the outcome's error. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final Backends backends;
    private final Supplier<String> hostManager;

    PackageOps(Backends backends, Supplier<String> hostManager) {
        this.backends = backends;
        this.hostManager = hostManager;
    }

    static PackageOps system() {
        return new PackageOps(new Backends(), () -> HostProbe.system().host().packageManager());
    }

    static String manager(String asked, String host) {
        return asked != null ? asked : host;
    }

    static int timeoutSec(Integer asked, Limits limits) {
        return Math.max(1, Math.min(asked == null ? DEFAULT_TIMEOUT_SEC : asked, limits.maxTimeoutSec()));
    }

    PackageBackend backend(String asked) throws Refused {
        String name = manager(asked, hostManager.get());
        PackageBackend b = backends.get(name).orElseThrow(() -> new Refused("no package manager " + name
                + (asked == null ? " on this host (apt, dnf or pacman is needed)" : "; known: apt, dnf, pacman")));
        String host = hostManager.get();
        if (!name.equals(host)) {
            throw new Refused("this host's package manager is " + host + ", not " + name);
        }
        return b;
    }

    static void checkNames(List<String> names) throws Refused {
        for (String n : names) {
            if (n == null || !NAME.matcher(n).matches()) {
                throw new Refused("not a package name: " + n);
            }
        }
    }

    static void checkFiles(PackageBackend b, List<String> files) throws Refused {
        for (String f : files) {
            if (f == null || !f.startsWith("/") || f.indexOf('\0') >= 0) {
                throw new Refused("a package file must be an absolute path: " + f);
            }
            if (!b.acceptsFile(f)) {
                throw new Refused(f + " is not a package file " + b.name() + " installs");
            }
            if (!Files.isRegularFile(Path.of(f))) {
                throw new Refused(f + " is not a regular file");
            }
        }
    }

    Map<String, InstalledPackage> snapshot(PackageBackend b) throws Refused {
        SystemCommand.Result r = SystemCommand.run(b.snapshotArgv(), b.environment(), QUERY_TIMEOUT_SEC, SNAPSHOT_BYTES);
        if (!r.ok() || r.stdout().truncated()) {
            throw new Refused("cannot list installed packages: " + r.failure());
        }
        return b.parseSnapshot(r.stdout().text());
    }

    /** names the manager would not take literally (apt's regular-expression fallback), or none. */
    List<String> inexact(PackageBackend b, List<String> names) {
        return b.inexactNames(names, name -> {
            List<String> argv = b.namesArgv(name);
            if (argv == null) {
                return true;
            }
            SystemCommand.Result r = SystemCommand.run(argv, b.environment(), QUERY_TIMEOUT_SEC, SNAPSHOT_BYTES);
            return r.ok() && List.of(r.stdout().text().split("\n")).contains(name);
        });
    }

    /** the manager's own simulation of {@code commands}, run in order. */
    Simulation simulate(PackageBackend b, List<List<String>> commands, Map<String, InstalledPackage> before) throws Refused {
        StringBuilder out = new StringBuilder();
        for (List<String> argv : commands) {
            SystemCommand.Result r = SystemCommand.run(argv, b.environment(), QUERY_TIMEOUT_SEC, SNAPSHOT_BYTES);
            if (!b.simulationAnswered(r)) {
                throw new Refused(b.name() + " refuses: " + r.failure());
            }
            out.append(r.stdout().text()).append('\n');
        }
        return b.parseSimulation(out.toString(), before);
    }

    /**
     * runs a transaction: saves the package files of versions it will replace or remove (where the
     * manager's cache has them), runs {@code commands} in order, and reports the exact difference
     * between the database before and after, which is also what undo puts back.
     */
    ActionOutcome transact(PackageBackend b, List<List<String>> commands, Simulation sim,
                           Map<String, InstalledPackage> before, ExecContext context, int timeoutSec) {
        Map<String, Path> saved = new LinkedHashMap<>();
        for (Simulation.Step s : concat(sim.remove(), sim.upgrade())) {
            InstalledPackage old = find(before, s.name(), s.arch());
            Path cached = old == null ? null : b.cachedFile(old);
            if (cached != null) {
                try {
                    Path copy = context.backupDir().resolve(cached.getFileName().toString());
                    Files.copy(cached, copy, StandardCopyOption.REPLACE_EXISTING);
                    saved.put(old.key(), copy);
                } catch (IOException e) {
                    return ActionOutcome.failure("cannot save " + cached + " before changing packages: " + e.getMessage());
                }
            }
        }
        SystemCommand.Result last = null;
        for (List<String> argv : commands) {
            last = SystemCommand.run(argv, b.environment(), timeoutSec, context.limits().maxOutputBytes());
            if (!last.ok()) {
                break;
            }
        }
        Map<String, InstalledPackage> after;
        try {
            after = snapshot(b);
        } catch (Refused e) {
            return new ActionOutcome(false, last == null ? null : last.exitCode(), out(last), err(last), List.of(), null, null,
                    (last != null && !last.ok() ? last.failure() + "; " : "") + e.getMessage());
        }
        Delta delta = Delta.between(before, after);
        ObjectNode data = delta.data(b.name());
        if (!sim.text().isEmpty()) {
            data.put("simulation", sim.text());
        }
        ObjectNode undo = delta.undo(b.name(), saved);
        boolean ok = last == null || last.ok();
        String error = ok ? null : last.failure() + (last.timedOut() ? "; a package manager killed mid-way may need "
                + (b.name().equals("apt") ? "dpkg --configure -a" : "a repair run") : "");
        return new ActionOutcome(ok, last == null ? null : last.exitCode(), out(last), err(last), delta.changes(saved), data,
                undo, error);
    }

    /**
     * puts every package an action touched back as it was before the action: packages it brought are
     * removed (purged when there was no trace of them before), versions it removed or replaced are
     * installed again, from the saved file when there is one, else from the repositories. packages
     * changed by someone else since are left alone and reported.
     */
    ActionOutcome restore(PackageBackend b, JsonNode undo, ExecContext context, int timeoutSec) {
        Map<String, InstalledPackage> now;
        try {
            now = snapshot(b);
        } catch (Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
        List<InstalledPackage> purge = new ArrayList<>();
        List<InstalledPackage> remove = new ArrayList<>();
        List<InstalledPackage> fromRepositories = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        Map<String, InstalledPackage> wanted = new LinkedHashMap<>();
        for (JsonNode p : undo.path("packages")) {
            InstalledPackage was = entry(p, "before");
            InstalledPackage became = entry(p, "after");
            InstalledPackage current = now.get(was.key());
            wanted.put(was.key(), was);
            boolean presentNow = current != null && current.present();
            if (!was.present()) {
                if (!presentNow) {
                    continue;
                }
                if (!current.version().equals(became.version())) {
                    leftAlone.add(current + " (changed since the action)");
                    wanted.remove(was.key());
                    continue;
                }
                (was.status().equals(InstalledPackage.CONFIG_FILES) ? remove : purge).add(current);
                changes.add(new Change("removed", current.toString(), null, null, null));
            } else if (!presentNow || !current.version().equals(was.version())) {
                if (presentNow && !current.version().equals(became.version())) {
                    leftAlone.add(current + " (changed since the action)");
                    wanted.remove(was.key());
                    continue;
                }
                String savedFile = p.path("saved").asText(null);
                Path file = savedFile != null && Files.isRegularFile(Path.of(savedFile)) ? Path.of(savedFile) : b.cachedFile(was);
                if (file != null) {
                    files.add(file);
                } else {
                    fromRepositories.add(was);
                }
                changes.add(new Change("restored", was.toString(), null, null, file == null ? null : file.toString()));
            }
        }
        List<List<String>> commands = new ArrayList<>();
        if (!purge.isEmpty()) {
            commands.add(b.uninstallArgv(purge, true));
        }
        if (!remove.isEmpty()) {
            commands.add(b.uninstallArgv(remove, false));
        }
        if (!files.isEmpty() || !fromRepositories.isEmpty()) {
            commands.addAll(b.reinstallCommands(fromRepositories, files));
        }
        SystemCommand.Result last = null;
        for (List<String> argv : commands) {
            last = SystemCommand.run(argv, b.environment(), timeoutSec, context.limits().maxOutputBytes());
            if (!last.ok()) {
                break;
            }
        }
        Map<String, InstalledPackage> after;
        try {
            after = snapshot(b);
        } catch (Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
        List<String> wrong = new ArrayList<>();
        for (InstalledPackage was : wanted.values()) {
            InstalledPackage is = after.get(was.key());
            boolean present = is != null && is.present();
            if (present != was.present() || (present && !is.version().equals(was.version()))) {
                wrong.add(was.key() + " is " + (present ? is.version() : "not installed") + ", was "
                        + (was.present() ? was.version() : "not installed"));
            }
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("manager", b.name());
        ArrayNode left = data.putArray("left_alone");
        leftAlone.forEach(left::add);
        if (!wrong.isEmpty() || (last != null && !last.ok())) {
            return new ActionOutcome(false, last == null ? null : last.exitCode(), out(last), err(last), changes, data, null,
                    "not restored: " + (wrong.isEmpty() ? "" : String.join("; ", wrong))
                            + (last != null && !last.ok() ? (wrong.isEmpty() ? "" : "; ") + last.failure() : ""));
        }
        return new ActionOutcome(true, last == null ? null : last.exitCode(), out(last), err(last), changes, data, null, null);
    }

    private static InstalledPackage entry(JsonNode p, String which) {
        JsonNode side = p.path(which);
        return new InstalledPackage(p.path("name").asText(), p.path("arch").asText(""), side.path("version").asText(""),
                side.path("status").asText(InstalledPackage.ABSENT));
    }

    private static InstalledPackage find(Map<String, InstalledPackage> db, String name, String arch) {
        InstalledPackage exact = db.get(arch.isEmpty() ? name : name + ":" + arch);
        if (exact != null) {
            return exact;
        }
        return db.values().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static List<Simulation.Step> concat(List<Simulation.Step> a, List<Simulation.Step> b) {
        List<Simulation.Step> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Output out(SystemCommand.Result r) {
        return r == null ? null : r.stdout();
    }

    private static Output err(SystemCommand.Result r) {
        return r == null ? null : r.stderr();
    }

    /** what changed between two listings of the database. */
    record Delta(List<InstalledPackage[]> touched) {

        static Delta between(Map<String, InstalledPackage> before, Map<String, InstalledPackage> after) {
            Set<String> keys = new LinkedHashSet<>(before.keySet());
            keys.addAll(after.keySet());
            List<InstalledPackage[]> touched = new ArrayList<>();
            for (String k : keys) {
                InstalledPackage b = before.get(k);
                InstalledPackage a = after.get(k);
                InstalledPackage was = b != null ? b : absent(a);
                InstalledPackage is = a != null ? a : absent(b);
                if (!was.status().equals(is.status()) || !was.version().equals(is.version())) {
                    touched.add(new InstalledPackage[]{was, is});
                }
            }
            return new Delta(touched);
        }

        private static InstalledPackage absent(InstalledPackage other) {
            return new InstalledPackage(other.name(), other.arch(), "", InstalledPackage.ABSENT);
        }

        /** installed, upgraded (or downgraded), removed: each package once. */
        String kind(InstalledPackage was, InstalledPackage is) {
            if (!was.present() && is.present()) {
                return "installed";
            }
            if (was.present() && !is.present()) {
                return "removed";
            }
            return was.present() ? "upgraded" : "purged";
        }

        List<Change> changes(Map<String, Path> saved) {
            List<Change> out = new ArrayList<>();
            for (InstalledPackage[] t : touched) {
                String kind = kind(t[0], t[1]);
                String what = switch (kind) {
                    case "installed" -> t[1].toString();
                    case "upgraded" -> t[1].key() + " " + t[0].version() + " -> " + t[1].version();
                    default -> t[0].toString();
                };
                Path backup = saved.get(t[0].key());
                out.add(new Change(kind, what, null, null, backup == null ? null : backup.toString()));
            }
            return out;
        }

        ObjectNode data(String manager) {
            ObjectNode data = Json.mapper().createObjectNode();
            data.put("manager", manager);
            ArrayNode installed = data.putArray("installed");
            ArrayNode upgraded = data.putArray("upgraded");
            ArrayNode removed = data.putArray("removed");
            for (InstalledPackage[] t : touched) {
                switch (kind(t[0], t[1])) {
                    case "installed" -> installed.addObject().put("name", t[1].name()).put("arch", t[1].arch())
                            .put("version", t[1].version());
                    case "upgraded" -> upgraded.addObject().put("name", t[1].name()).put("arch", t[1].arch())
                            .put("from", t[0].version()).put("to", t[1].version());
                    case "removed" -> removed.addObject().put("name", t[0].name()).put("arch", t[0].arch())
                            .put("version", t[0].version());
                    default -> {
                        // config files of an already removed package went: nothing installed changed
                    }
                }
            }
            return data;
        }

        ObjectNode undo(String manager, Map<String, Path> saved) {
            ObjectNode undo = Json.mapper().createObjectNode();
            undo.put("manager", manager);
            ArrayNode packages = undo.putArray("packages");
            for (InstalledPackage[] t : touched) {
                ObjectNode p = packages.addObject();
                p.put("name", t[0].name());
                p.put("arch", t[0].arch());
                p.putObject("before").put("version", t[0].version()).put("status", t[0].status());
                p.putObject("after").put("version", t[1].version()).put("status", t[1].status());
                Path file = saved.get(t[0].key());
                if (file != null) {
                    p.put("saved", file.toString());
                }
            }
            return undo;
        }
    }
}
