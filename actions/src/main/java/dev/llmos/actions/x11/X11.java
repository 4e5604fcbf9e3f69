package dev.llmos.actions.x11;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.actions.exec.Tool;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * the x display an action acts on and the x clients it runs there. a display is local only
 * (":0", ":99.0"): a host name would send keystrokes or screen contents over the network.
 */
public final class X11 {

    /** the display field's pattern; the schema fragments repeat it. */
    public static final Pattern DISPLAY = Pattern.compile("^:[0-9]{1,4}(\\.[0-9]{1,2})?$");

    private final Map<String, String> environment;

    /** {@code environment} is where DISPLAY and XAUTHORITY come from when a plan names no display. */
    public X11(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static X11 fromEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("DISPLAY", "XAUTHORITY")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return new X11(env);
    }

    /** the display an action will use: the plan's, else DISPLAY; null when neither is a valid local one. */
    public String display(String asked) {
        String display = asked != null ? asked : environment.get("DISPLAY");
        return display != null && DISPLAY.matcher(display).matches() ? display : null;
    }

    /** the display for a preview: the one that would be used, or that there is none. */
    public String describe(String asked) {
        String display = display(asked);
        return display != null ? display : "no x display";
    }

    /**
     * runs an x client on the display and turns its run into an outcome; {@code data} builds the
     * structured result of a successful run.
     */
    public ActionOutcome run(String tool, List<String> args, String asked, int timeoutSec, ExecContext context,
                             Function<Tool.Run, ObjectNode> data) {
        String display = display(asked);
        if (display == null) {
            return ActionOutcome.failure(asked != null ? "not a local x display: " + asked
                    : "no x display: give display (\":0\") or start llm-os with DISPLAY set");
        }
        Optional<Tool> client = Tool.find(tool);
        if (client.isEmpty()) {
            return ActionOutcome.failure(tool + " is not installed on this host");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DISPLAY", display);
        if (environment.containsKey("XAUTHORITY")) {
            env.put("XAUTHORITY", environment.get("XAUTHORITY"));
        }
        try {
            Tool.Run run = client.get().run(args, env, timeoutSec, context.limits().maxOutputBytes());
            if (!run.ok()) {
                return new ActionOutcome(false, run.exitCode(), run.stdout(), run.stderr(), List.of(), null, null,
                        run.failure(tool + " on " + display));
            }
            ObjectNode result = data.apply(run);
            result.put("display", display);
            return new ActionOutcome(true, run.exitCode(), run.stdout(), run.stderr(), List.of(), result, null, null);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot start " + tool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failure("interrupted while running " + tool);
        }
    }
}
