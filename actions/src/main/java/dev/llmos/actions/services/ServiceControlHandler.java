package dev.llmos.actions.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.exec.SystemCommand;
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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code service_control}: one systemctl verb on one unit. before changing anything it records
 * whether the unit was active and enabled, so undo brings it back to that: a started unit is
 * stopped again, a disabled one enabled again. {@code status} changes nothing.
 */
@AutoService(ActionHandler.class)
public final class ServiceControlHandler implements ActionHandler<ServiceControlParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ServiceControlHandler.class, "service_control.schema.json");
    private static final ActionSpec<ServiceControlParams> SPEC = new ActionSpec<>("service_control",
            "start, stop, restart, enable or disable a systemd unit, or report its status (undo restores its previous state)",
            ServiceControlParams.class, SCHEMA, ServiceControl.class, Effect.MUTATING, true, true);

    static final Set<String> ACTIONS = Set.of("start", "stop", "restart", "enable", "disable", "status");
    private static final int TIMEOUT_SEC = 120;
    private static final List<String> STATUS_PROPERTIES = List.of("Id", "Description", "LoadState", "ActiveState",
            "SubState", "UnitFileState", "MainPID", "NRestarts", "MemoryCurrent", "CPUUsageNSec", "TasksCurrent",
            "ExecMainStartTimestampMonotonic");
    private static final Map<String, String> PAST = Map.of("start", "started", "stop", "stopped", "restart", "restarted",
            "enable", "enabled", "disable", "disabled");

    private final Systemctl systemctl;

    public ServiceControlHandler() {
        this(Systemctl.system());
    }

    /** tests hand in systemctl over a unit tree of their own (see {@link Systemctl#offline}). */
    ServiceControlHandler(Systemctl systemctl) {
        this.systemctl = systemctl;
    }

    @Override
    public ActionSpec<ServiceControlParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ServiceControlParams params, FactContext context) {
        String unit = UnitFiles.normalize(params.unit());
        return new ServiceControl(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                params.action(), unit, UnitFiles.suffix(unit), UnitFiles.find(systemctl.root(), unit) != null);
    }

    @Override
    public Preview preview(ServiceControlParams params, ExecContext context) {
        String invalid = invalid(params);
        if (invalid != null) {
            return Preview.of("would fail: " + invalid);
        }
        String unit = UnitFiles.normalize(params.unit());
        Path file = UnitFiles.find(systemctl.root(), unit);
        String now = "now active: " + systemctl.activeState(unit) + ", enabled: " + systemctl.enabledState(unit);
        String what = params.action().equals("status") ? "would report the status of " + unit
                : "would run: " + String.join(" ", systemctl.argv(params.action(), unit));
        return Preview.of(what + " (" + now + ")" + (file == null ? "; but no unit file for " + unit + " was found" : ""));
    }

    @Override
    public ActionOutcome execute(ServiceControlParams params, ExecContext context) {
        String invalid = invalid(params);
        if (invalid != null) {
            return ActionOutcome.failure(invalid);
        }
        String unit = UnitFiles.normalize(params.unit());
        if (params.action().equals("status")) {
            return status(unit);
        }
        String activeBefore = systemctl.activeState(unit);
        String enabledBefore = systemctl.enabledState(unit);
        SystemCommand.Result r = systemctl.run(params.action(), unit, Math.min(TIMEOUT_SEC, context.limits().maxTimeoutSec()),
                context.limits().maxOutputBytes());
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("unit", unit);
        data.put("action", params.action());
        data.putObject("before").put("active", activeBefore).put("enabled", enabledBefore);
        data.putObject("after").put("active", systemctl.activeState(unit)).put("enabled", systemctl.enabledState(unit));
        if (!r.ok()) {
            return new ActionOutcome(false, r.exitCode(), r.stdout(), r.stderr(), List.of(), data, null, r.failure()
                    + (systemctl.running() || isFileVerb(params.action()) ? "" : " (no running systemd to " + params.action() + " units)"));
        }
        ObjectNode undo = Json.mapper().createObjectNode();
        undo.put("unit", unit);
        undo.put("action", params.action());
        undo.put("active_before", activeBefore);
        undo.put("enabled_before", enabledBefore);
        return new ActionOutcome(true, r.exitCode(), r.stdout(), r.stderr(),
                List.of(new Change(PAST.get(params.action()), unit, null, null, null)), data, undo, null);
    }

    /**
     * back to the state recorded before: stop what was started from inactive, start what was stopped
     * while active, disable what was enabled from disabled, enable what was disabled while enabled.
     * a restart of a running unit cannot be taken back; there is nothing to do for it.
     */
    @Override
    public ActionOutcome undo(ServiceControlParams params, JsonNode undo, ExecContext context) {
        if (undo == null || !undo.has("unit")) {
            return ActionOutcome.success(List.of(), null, null);
        }
        String unit = undo.path("unit").asText();
        String action = undo.path("action").asText();
        boolean wasActive = undo.path("active_before").asText().equals("active");
        String enabled = undo.path("enabled_before").asText();
        String back = switch (action) {
            case "start", "restart" -> wasActive ? null : "stop";
            case "stop" -> wasActive ? "start" : null;
            case "enable" -> enabled.equals("disabled") ? "disable" : null;
            case "disable" -> enabled.equals("enabled") ? "enable" : null;
            default -> null;
        };
        if (back == null) {
            return ActionOutcome.success(List.of(), Json.mapper().createObjectNode().put("unit", unit)
                    .put("detail", "nothing to undo: " + unit + " was already as it is now"), null);
        }
        SystemCommand.Result r = systemctl.run(back, unit, Math.min(TIMEOUT_SEC, context.limits().maxTimeoutSec()),
                context.limits().maxOutputBytes());
        if (!r.ok()) {
            return new ActionOutcome(false, r.exitCode(), r.stdout(), r.stderr(), List.of(), null, null, r.failure());
        }
        return new ActionOutcome(true, r.exitCode(), r.stdout(), r.stderr(),
                List.of(new Change(PAST.get(back), unit, null, null, null)), null, null, null);
    }

    private ActionOutcome status(String unit) {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("unit", unit);
        data.put("active", systemctl.activeState(unit));
        data.put("enabled", systemctl.enabledState(unit));
        Path file = UnitFiles.find(systemctl.root(), unit);
        if (file != null) {
            data.put("unit_file", file.toString());
        }
        String show = systemctl.show(unit, STATUS_PROPERTIES);
        if (show.isEmpty()) {
            data.put("runtime", systemctl.running() ? "systemctl show answered nothing"
                    : "no running systemd: only the unit file state is known");
        }
        ObjectNode props = data.putObject("properties");
        for (String line : show.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (value.isEmpty() || value.equals("[not set]") || value.equals("18446744073709551615")) {
                continue;
            }
            if (value.matches("\\d{1,18}")) {
                props.put(key, Long.parseLong(value));
            } else {
                props.put(key, value);
            }
        }
        return ActionOutcome.success(List.of(), data, null);
    }

    private static boolean isFileVerb(String action) {
        return action.equals("enable") || action.equals("disable");
    }

    private static String invalid(ServiceControlParams params) {
        if (params.action() == null || !ACTIONS.contains(params.action())) {
            return "unknown service action " + params.action() + "; one of start, stop, restart, enable, disable, status";
        }
        if (params.unit() == null || !UnitFiles.NAME.matcher(params.unit()).matches()) {
            return "not a unit name: " + params.unit();
        }
        return null;
    }
}
