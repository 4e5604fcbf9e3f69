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

    /**
     * an instanceof chain, not a pattern switch: a switch on types bootstraps a generated class at
     * its first use, 10-20 ms of a client's start. {@code ParamsJsonTest} covers every record.
     */
    static ObjectNode of(Params params) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (params instanceof Params.Reload r) {
            putIfSet(o, "skip_tests", r.skipTests());
        } else if (params instanceof Params.Submit s) {
            o.set("plan", s.plan());
        } else if (params instanceof Params.Approve a) {
            o.put("plan_id", a.planId());
            o.put("digest", a.digest());
            ArrayNode approve = o.putArray("approve");
            a.approve().forEach(approve::add);
        } else if (params instanceof Params.Execute e) {
            o.put("plan_id", e.planId());
            putIfSet(o, "approval", e.approval());
        } else if (params instanceof Params.PlanRef r) {
            o.put("plan_id", r.planId());
        } else if (params instanceof Params.Status s) {
            putIfSet(o, "plan_id", s.planId());
        } else if (params instanceof Params.Tail t) {
            putIfSet(o, "lines", t.lines());
        } else if (!(params instanceof Params.None)) {
            throw new IllegalArgumentException("no wire form for " + params.getClass());
        }
        return o;
    }

    private static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putIfSet(ObjectNode o, String name, Boolean value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putIfSet(ObjectNode o, String name, Integer value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
