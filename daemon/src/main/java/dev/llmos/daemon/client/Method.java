package dev.llmos.daemon.client;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * every method llm-osd answers, declared once: the dispatcher switches over these, the client
 * names them, and a test checks docs/protocol.md's method table lists exactly these, in order.
 */
public enum Method {
    ACTIONS_LIST("actions.list", Params.None.class),
    PLAN_SUBMIT("plan.submit", Params.Submit.class),
    PLAN_APPROVE("plan.approve", Params.Approve.class),
    PLAN_EXECUTE("plan.execute", Params.Execute.class),
    PLAN_PREVIEW("plan.preview", Params.PlanRef.class),
    PLAN_CANCEL("plan.cancel", Params.PlanRef.class),
    PLAN_STATUS("plan.status", Params.Status.class),
    PLAN_RECOVER("plan.recover", Params.PlanRef.class),
    POLICY_RELOAD("policy.reload", Params.None.class),
    AUDIT_TAIL("audit.tail", Params.Tail.class);

    private final String wire;
    private final Class<? extends Params> params;

    Method(String wire, Class<? extends Params> params) {
        this.wire = wire;
        this.params = params;
    }

    public String wire() {
        return wire;
    }

    public Class<? extends Params> params() {
        return params;
    }

    public static Optional<Method> of(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }

    /** "a, b, c": for error messages. */
    public static String known() {
        return Arrays.stream(values()).map(Method::wire).collect(Collectors.joining(", "));
    }
}
