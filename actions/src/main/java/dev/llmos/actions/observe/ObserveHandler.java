package dev.llmos.actions.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.util.List;
import java.util.Map;

/**
 * {@code observe}: one read-only measurement of the host, chosen by {@code what}, returned as
 * numbers in the result's data. one action type rather than six: they share one effect (read
 * only), one policy fact and one rule, and a planner asking "how is the machine doing" picks a
 * {@code what} from one list instead of six near-identical types.
 */
@AutoService(ActionHandler.class)
public final class ObserveHandler implements ActionHandler<ObserveParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ObserveHandler.class, "observe.schema.json");
    private static final ActionSpec<ObserveParams> SPEC = new ActionSpec<>("observe",
            "measure the host: pressure stall info, load, memory, disk usage, top processes, or one process's scheduling",
            ObserveParams.class, SCHEMA, Observe.class, Effect.READ_ONLY, true, false);

    private static final Map<String, String> SOURCES = Map.of(
            "pressure", "/proc/pressure/{cpu,memory,io,irq}",
            "load", "/proc/loadavg",
            "memory", "/proc/meminfo",
            "disk", "/proc/self/mounts and statvfs of each filesystem",
            "processes", "/proc/PID/stat of every process",
            "process", "/proc/PID/stat, status and sched");

    private final ProcReader proc;

    public ObserveHandler() {
        this(ProcReader.system());
    }

    /** tests read a proc tree they wrote. */
    ObserveHandler(ProcReader proc) {
        this.proc = proc;
    }

    @Override
    public ActionSpec<ObserveParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ObserveParams params, FactContext context) {
        String realPath = params.path() == null || params.path().indexOf('\0') >= 0 ? null : context.path(params.path()).realPath();
        return new Observe(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                params.what(), params.pid() == null ? 0 : params.pid(), realPath);
    }

    @Override
    public Preview preview(ObserveParams params, ExecContext context) {
        String invalid = invalid(params);
        if (invalid != null) {
            return Preview.of("would fail: " + invalid);
        }
        String source = SOURCES.get(params.what()).replace("PID", params.pid() == null ? "PID" : params.pid().toString());
        return Preview.of("would read " + source + " (changes nothing)");
    }

    @Override
    public ActionOutcome execute(ObserveParams params, ExecContext context) {
        String invalid = invalid(params);
        if (invalid != null) {
            return ActionOutcome.failure(invalid);
        }
        try {
            ObjectNode data = switch (params.what()) {
                case "pressure" -> proc.pressure();
                case "load" -> proc.load();
                case "memory" -> proc.memory();
                case "disk" -> proc.disk(params.path());
                case "processes" -> proc.processes(params.by() == null ? "cpu" : params.by(),
                        params.limit() == null ? 10 : params.limit(), params.sampleMs() == null ? 500 : params.sampleMs());
                case "process" -> proc.process(params.pid());
                default -> throw new IllegalStateException(params.what());
            };
            ObjectNode wrapped = data.objectNode();
            wrapped.put("what", params.what());
            wrapped.setAll(data);
            return ActionOutcome.success(List.of(), wrapped, null);
        } catch (ProcReader.Unavailable e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    /** the refining fields belong to one kind each: a pid with what=memory is a planner's mistake worth saying. */
    static String invalid(ObserveParams p) {
        if (p.what() == null || !SOURCES.containsKey(p.what())) {
            return "unknown observation " + p.what() + "; one of pressure, load, memory, disk, processes, process";
        }
        if (p.what().equals("process") && p.pid() == null) {
            return "what=process needs a pid";
        }
        if (p.pid() != null && !p.what().equals("process")) {
            return "pid is for what=process only";
        }
        if ((p.by() != null || p.limit() != null || p.sampleMs() != null) && !p.what().equals("processes")) {
            return "by, limit and sample_ms are for what=processes only";
        }
        if (p.sampleMs() != null && "rss".equals(p.by())) {
            return "sample_ms measures cpu; it means nothing with by=rss";
        }
        if (p.path() != null && !p.what().equals("disk")) {
            return "path is for what=disk only";
        }
        return null;
    }
}
