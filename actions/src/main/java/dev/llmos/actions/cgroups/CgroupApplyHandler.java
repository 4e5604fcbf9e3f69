package dev.llmos.actions.cgroups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@code cgroup_apply}: creates or changes an llm-os cgroup and can move a process into it; undoable. */
@AutoService(ActionHandler.class)
public final class CgroupApplyHandler implements ActionHandler<CgroupApplyParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(CgroupApplyHandler.class, "cgroup_apply.schema.json");
    private static final ActionSpec<CgroupApplyParams> SPEC = new ActionSpec<>("cgroup_apply",
            "create or change a cgroup under llm-os's own parent (cpu weight or quota, memory max, pids max, cpus) and move a process into it (undoable)",
            CgroupApplyParams.class, SCHEMA, CgroupApply.class, Effect.MUTATING, true, true);

    private final Supplier<CgroupLayout> layout;
    private final long self;

    public CgroupApplyHandler() {
        this(CgroupLayout::system, ProcessHandle.current().pid());
    }

    CgroupApplyHandler(Supplier<CgroupLayout> layout, long self) {
        this.layout = layout;
        this.self = self;
    }

    @Override
    public ActionSpec<CgroupApplyParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, CgroupApplyParams params, FactContext context) {
        CgroupLayout l = layout.get();
        List<String> dirs;
        boolean exists;
        try {
            CgroupGroup g = CgroupGroup.of(l, params.group(), controllers(l, params));
            dirs = g.dirs().stream().map(Path::toString).toList();
            exists = g.exists();
        } catch (CgroupGroup.Refused e) {
            dirs = List.of();
            exists = false;
        }
        Optional<Owner> owner = params.pid() == null ? Optional.empty() : Owner.of(params.pid());
        return new CgroupApply(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                params.group(), l.mode(), dirs, exists, params.pid(), owner.map(Owner::comm).orElse(null),
                owner.map(Owner::uid).orElse(-1),
                params.pid() != null && (params.pid() == 1 || owner.map(o -> o.uid() < 1000).orElse(false)),
                params.pid() != null && params.pid() == self, params.cpuWeight(), params.cpuQuotaPercent(),
                params.memoryMaxBytes(), params.pidsMax(), params.cpus());
    }

    @Override
    public Preview preview(CgroupApplyParams params, ExecContext context) {
        CgroupLayout l = layout.get();
        try {
            CgroupGroup g = group(l, params, self);
            List<String> what = new ArrayList<>();
            if (!g.exists()) {
                what.add("create " + g.dirs().stream().map(Path::toString).collect(Collectors.joining(", ")));
            }
            knobs(l, params).forEach(k -> what.add("set " + g.dir(k.controller()).resolve(k.file()) + " to " + k.value()));
            if (params.pid() != null) {
                what.add("move pid " + params.pid() + Owner.of(params.pid()).map(o -> " (" + o.comm() + ")").orElse(" (not running now)"));
            }
            return Preview.of("would " + String.join("; ", what));
        } catch (CgroupGroup.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(CgroupApplyParams params, ExecContext context) {
        CgroupLayout l = layout.get();
        CgroupGroup g;
        try {
            g = group(l, params, self);
        } catch (CgroupGroup.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
        List<Knob> knobs = knobs(l, params);
        List<Path> created = List.of();
        List<Change> changes = new ArrayList<>();
        ObjectNode undo = Json.mapper().createObjectNode();
        try {
            List<Knob> previous = g.exists() ? g.current(knobs) : List.of();
            created = g.create();
            created.forEach(d -> changes.add(new Change("created", d.toString(), null, null, null)));
            g.write(knobs);
            knobs.forEach(k -> changes.add(new Change("modified", g.dir(k.controller()).resolve(k.file()).toString(), null, null, null)));
            ArrayNode prev = undo.putArray("previous");
            previous.forEach(k -> prev.addObject().put("file", g.dir(k.controller()).resolve(k.file()).toString()).put("value", k.value()));
            if (params.pid() != null) {
                ArrayNode from = undo.putObject("moved").put("pid", params.pid()).putArray("from");
                for (String c : controllers(l, params)) {
                    Optional<Path> before = l.groupOf(params.pid(), c);
                    before.ifPresent(b -> from.add(b.toString()));
                }
                g.admit(params.pid());
                changes.add(new Change("moved", "pid " + params.pid(), null, null, null));
            }
        } catch (IOException e) {
            List<String> left = CgroupGroup.remove(created);
            return ActionOutcome.failure(e.getMessage() + (left.isEmpty() ? "" : "; could not remove " + left));
        }
        ArrayNode made = undo.putArray("created");
        created.forEach(d -> made.add(d.toString()));
        ObjectNode data = Json.mapper().createObjectNode().put("group", g.name()).put("layout", l.mode());
        ArrayNode dirs = data.putArray("dirs");
        g.dirs().forEach(d -> dirs.add(d.toString()));
        ObjectNode values = data.putObject("values");
        knobs.forEach(k -> values.put(k.file(), k.value()));
        return ActionOutcome.success(changes, data, undo);
    }

    @Override
    public ActionOutcome undo(CgroupApplyParams params, JsonNode undo, ExecContext context) {
        return CgroupUndo.apply(undo);
    }

    private static CgroupGroup group(CgroupLayout l, CgroupApplyParams params, long self) throws CgroupGroup.Refused {
        if (params.changesNothing()) {
            throw new CgroupGroup.Refused("cgroup_apply needs a pid to move or a limit to set");
        }
        if (params.pid() != null && params.pid() <= 1) {
            throw new CgroupGroup.Refused("refused: pid " + params.pid() + " is init, which stays in the root group");
        }
        if (params.pid() != null && params.pid() == self) {
            // a cap on llm-os could stall or kill it halfway through the plan
            throw new CgroupGroup.Refused("refused: pid " + params.pid() + " is llm-os itself");
        }
        return CgroupGroup.of(l, params.group(), controllers(l, params));
    }

    private static List<Knob> knobs(CgroupLayout l, CgroupApplyParams p) {
        return Knob.of(l, p.cpuWeight(), p.cpuQuotaPercent(), p.memoryMaxBytes(), p.pidsMax(), p.cpus());
    }

    /**
     * the hierarchies the group spans: cpu, memory and pids where the host has them, so a moved
     * process is accounted everywhere, plus cpuset when cpus are set; and any a setting needs.
     */
    static List<String> controllers(CgroupLayout l, CgroupApplyParams p) {
        List<String> used = new ArrayList<>();
        for (String c : List.of("cpu", "memory", "pids")) {
            if (l.hierarchy(c).isPresent()) {
                used.add(c);
            }
        }
        knobs(l, p).stream().map(Knob::controller).filter(c -> !used.contains(c)).distinct().forEach(used::add);
        return used;
    }

    /** a process's command name and owner, from /proc. */
    record Owner(String comm, int uid) {
        static Optional<Owner> of(long pid) {
            try {
                String comm = null;
                Integer uid = null;
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("Name:")) {
                        comm = line.substring(5).trim();
                    } else if (line.startsWith("Uid:")) {
                        uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                    }
                }
                return comm == null || uid == null ? Optional.empty() : Optional.of(new Owner(comm, uid));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
