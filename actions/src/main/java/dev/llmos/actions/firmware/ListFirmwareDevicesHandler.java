package dev.llmos.actions.firmware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.exec.Tool;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code list_firmware_devices}: the devices fwupd can update, with their firmware versions. */
@AutoService(ActionHandler.class)
public final class ListFirmwareDevicesHandler implements ActionHandler<ListFirmwareDevicesParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ListFirmwareDevicesHandler.class,
            "list_firmware_devices.schema.json");
    private static final ActionSpec<ListFirmwareDevicesParams> SPEC = new ActionSpec<>("list_firmware_devices",
            "list the devices fwupd knows, with their firmware versions (fwupdmgr get-devices --json)",
            ListFirmwareDevicesParams.class, SCHEMA, ListFirmwareDevices.class, Effect.READ_ONLY, true, false);

    private final String program;

    public ListFirmwareDevicesHandler() {
        this("fwupdmgr");
    }

    /** {@code program}: the fwupd client's name on the safe PATH. */
    ListFirmwareDevicesHandler(String program) {
        this.program = program;
    }

    @Override
    public ActionSpec<ListFirmwareDevicesParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ListFirmwareDevicesParams params, FactContext context) {
        return new ListFirmwareDevices(header.id(), header.index(), header.type(), header.reason(), header.danger().wire());
    }

    @Override
    public Preview preview(ListFirmwareDevicesParams params, ExecContext context) {
        return Preview.of(Tool.find(program).isPresent() ? "would run " + program + " get-devices --json"
                : "would report: " + notInstalled());
    }

    @Override
    public ActionOutcome execute(ListFirmwareDevicesParams params, ExecContext context) {
        Optional<Tool> fwupdmgr = Tool.find(program);
        if (fwupdmgr.isEmpty()) {
            return Unavailable.because(notInstalled());
        }
        try {
            Tool.Run run = fwupdmgr.get().run(List.of("get-devices", "--json"), Map.of(), 60,
                    context.limits().maxOutputBytes() * 16);
            if (!run.ok()) {
                return new ActionOutcome(false, run.exitCode(), run.stdout(), run.stderr(), List.of(), null, null,
                        run.failure(program + " get-devices"));
            }
            ObjectNode data = Unavailable.available();
            data.set("devices", devices(run.stdout().text()));
            return new ActionOutcome(true, run.exitCode(), null, run.stderr(), List.of(), data, null, null);
        } catch (JsonProcessingException e) {
            return ActionOutcome.failure(program + " get-devices --json gave no json (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return ActionOutcome.failure("cannot start " + program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failure("interrupted while running " + program);
        }
    }

    /** fwupd's own device objects, as it reports them ({@code {"Devices": [...]}}). */
    static JsonNode devices(String json) throws JsonProcessingException {
        JsonNode devices = Json.mapper().readTree(json).path("Devices");
        return devices.isArray() ? devices : Json.mapper().createArrayNode();
    }

    private String notInstalled() {
        return program + " is not installed on this host (fwupd)";
    }
}
