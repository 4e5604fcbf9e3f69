package dev.llmos.actions.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import com.sun.jna.LastErrorException;
import dev.llmos.actions.process.ProcTable.Proc;
import dev.llmos.engine.host.Requester;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code process_control}: sends a signal to, or renices, a process by pid or every process of an exact name. */
@AutoService(ActionHandler.class)
public final class ProcessControlHandler implements ActionHandler<ProcessControlParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ProcessControlHandler.class, "process_control.schema.json");
    private static final ActionSpec<ProcessControlParams> SPEC = new ActionSpec<>("process_control",
            "send a signal (TERM, KILL, HUP, INT, STOP, CONT, USR1, USR2) to, or renice, a process by pid or all processes of an exact name (renice undoable)",
            ProcessControlParams.class, SCHEMA, ProcessControl.class, Effect.DESTRUCTIVE, true, true);

    private final ProcTable table;
    private final long self;

    public ProcessControlHandler() {
        this(ProcTable.system(), ProcessHandle.current().pid());
    }

    ProcessControlHandler(ProcTable table, long self) {
        this.table = table;
        this.self = self;
    }

    @Override
    public ActionSpec<ProcessControlParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ProcessControlParams params, FactContext context) {
        List<Proc> targets = params.invalid() == null ? targets(params) : List.of();
        String name = params.name() != null ? params.name() : targets.isEmpty() ? null : targets.get(0).comm();
        int requester = context.requester().uid();
        return new ProcessControl(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                params.signal() != null ? "signal" : "renice", params.signal(), params.nice(), params.name() != null, name,
                targets.stream().map(Proc::pid).toList(),
                targets.stream().map(Proc::uid).distinct().sorted().toList(), targets.size(),
                targets.stream().anyMatch(Proc::system), targets.stream().anyMatch(p -> p.uid() == 0),
                targets.stream().anyMatch(p -> p.pid() == 1), targets.stream().anyMatch(p -> p.pid() == self),
                !targets.isEmpty() && targets.stream().allMatch(p -> p.uid() == requester));
    }

    @Override
    public Preview preview(ProcessControlParams params, ExecContext context) {
        String invalid = params.invalid();
        if (invalid != null) {
            return Preview.of("would fail: " + invalid);
        }
        List<Proc> targets = targets(params);
        String refused = refused(targets, params, context.requester());
        if (refused != null) {
            return Preview.of("would fail: " + refused);
        }
        if (params.signal() != null) {
            return Preview.of("would send " + params.signal() + " to " + describe(targets));
        }
        String from = targets.stream().map(p -> p.pid() + " from " + currentNice(p)).collect(Collectors.joining(", "));
        return Preview.of("would renice " + describe(targets) + " to " + params.nice() + " (" + from + ")");
    }

    @Override
    public ActionOutcome execute(ProcessControlParams params, ExecContext context) {
        String invalid = params.invalid();
        if (invalid != null) {
            return ActionOutcome.failure(invalid);
        }
        List<Proc> targets = targets(params);
        String refused = refused(targets, params, context.requester());
        if (refused != null) {
            return ActionOutcome.failure(refused);
        }
        List<Change> changes = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        ObjectNode data = Json.mapper().createObjectNode();
        ArrayNode undone = Json.mapper().createArrayNode();
        if (params.signal() != null) {
            data.put("signal", params.signal());
        } else {
            data.put("nice", params.nice());
        }
        ArrayNode done = data.putArray("pids");
        for (Proc p : targets) {
            try {
                if (params.signal() != null) {
                    ProcessCalls.kill(p.pid(), Signals.number(params.signal()));
                    changes.add(new Change("signalled", label(p), null, null, null));
                } else {
                    int before = ProcessCalls.nice(p.pid());
                    ProcessCalls.renice(p.pid(), params.nice());
                    undone.addObject().put("pid", p.pid()).put("start_ticks", p.startTicks()).put("nice", before);
                    changes.add(new Change("reniced", label(p), (long) before, (long) params.nice(), null));
                }
                done.add(p.pid());
            } catch (LastErrorException e) {
                failed.add(p.pid() + ": " + ProcessCalls.describe(e));
            }
        }
        JsonNode undo = undone.isEmpty() ? null : Json.mapper().createObjectNode().set("previous", undone);
        String error = failed.isEmpty() ? null : "failed for " + String.join("; ", failed);
        return new ActionOutcome(error == null, null, null, null, changes, data, undo, error);
    }

    @Override
    public ActionOutcome undo(ProcessControlParams params, JsonNode undo, ExecContext context) {
        List<Change> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode entry : undo.path("previous")) {
            int pid = entry.path("pid").asInt();
            int nice = entry.path("nice").asInt();
            Optional<Proc> now = table.byPid(pid);
            // a reused pid is another process: it keeps its own nice value
            if (now.isEmpty() || now.get().startTicks() != entry.path("start_ticks").asLong()) {
                skipped.add(pid + " has exited");
                continue;
            }
            try {
                int before = ProcessCalls.nice(pid);
                ProcessCalls.renice(pid, nice);
                changes.add(new Change("restored", label(now.get()), (long) before, (long) nice, null));
            } catch (LastErrorException e) {
                skipped.add(pid + ": " + ProcessCalls.describe(e));
            }
        }
        String error = skipped.stream().anyMatch(s -> !s.endsWith("has exited")) ? "could not restore " + String.join("; ", skipped) : null;
        return new ActionOutcome(error == null, null, null, null, changes, null, null, error);
    }

    private List<Proc> targets(ProcessControlParams params) {
        return params.pid() != null ? table.byPid(params.pid()).stream().toList() : table.byName(params.name());
    }

    /** why the targets must not be touched, in code whatever the policy says; null when they may. */
    private String refused(List<Proc> targets, ProcessControlParams params, Requester requester) {
        if (targets.isEmpty()) {
            return "no running " + (params.pid() != null ? "process with pid " + params.pid() : "process named " + params.name());
        }
        for (Proc p : targets) {
            if (p.pid() == 1) {
                return "refused: pid 1 (" + p.comm() + ") is init; signalling or renicing it can bring the system down";
            }
            if (p.pid() == self) {
                return "refused: pid " + p.pid() + " is llm-os itself";
            }
            // the daemon acts with the requester's rights, as kill(1) would for them
            if (!requester.isRoot() && p.uid() != requester.uid()) {
                return "refused: pid " + p.pid() + " belongs to uid " + p.uid() + ", not to the requester (uid " + requester.uid() + ")";
            }
        }
        return null;
    }

    private static String currentNice(Proc p) {
        try {
            return Integer.toString(ProcessCalls.nice(p.pid()));
        } catch (LastErrorException e) {
            return "?";
        }
    }

    private static String describe(List<Proc> targets) {
        return targets.stream().map(ProcessControlHandler::label).collect(Collectors.joining(", "));
    }

    private static String label(Proc p) {
        return "pid " + p.pid() + " (" + p.comm() + ", uid " + p.uid() + ")";
    }
}
