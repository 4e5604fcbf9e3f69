package dev.llmos.daemon.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * the params records as the wire has them (snake_case, nulls left out), built by hand so a client
 * sends requests without starting jackson's mapper (decision 0023). ParamsJsonTest holds each one
 * equal to what the mapper writes.
 */
final class ParamsJson {

    private ParamsJson() {
    }

    static ObjectNode of(Params params) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (params) {
            case Params.None none -> {
            }
            case Params.Reload r -> putIfSet(o, "skip_tests", r.skipTests());
            case Params.Submit s -> o.set("plan", s.plan());
            case Params.Approve a -> {
                o.put("plan_id", a.planId());
                o.put("digest", a.digest());
                ArrayNode approve = o.putArray("approve");
                a.approve().forEach(approve::add);
            }
            case Params.Execute e -> {
                o.put("plan_id", e.planId());
                putIfSet(o, "approval", e.approval());
            }
            case Params.PlanRef r -> o.put("plan_id", r.planId());
            case Params.Status s -> putIfSet(o, "plan_id", s.planId());
            case Params.Tail t -> putIfSet(o, "lines", t.lines());
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String name, Object value) {
        switch (value) {
            case null -> {
            }
            case String s -> o.put(name, s);
            case Boolean b -> o.put(name, b);
            case Integer i -> o.put(name, i);
            default -> throw new IllegalArgumentException("no wire form for " + value.getClass());
        }
    }
}
