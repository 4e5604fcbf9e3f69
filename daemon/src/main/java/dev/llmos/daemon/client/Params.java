package dev.llmos.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * the params of each method, as records: the wire names are their components in snake_case, an
 * unknown member is refused (-32602), and each checks what it requires when it is built.
 */
public sealed interface Params {

    /** no params (an empty object, or none at all). */
    record None() implements Params {
    }

    /** {@code skip_tests}: emergencies only, swaps in a policy without running its suites; audited. */
    record Reload(Boolean skipTests) implements Params {
        public boolean skip() {
            return Boolean.TRUE.equals(skipTests);
        }
    }

    record Submit(JsonNode plan) implements Params {
        public Submit {
            require(plan != null && plan.isObject(), "params.plan must be a plan object");
        }
    }

    record Approve(String planId, String digest, List<String> approve) implements Params {
        public Approve {
            require(planId != null, "params.plan_id is required");
            require(digest != null, "params.digest is required: the digest plan.submit returned");
            approve = approve == null ? List.of() : List.copyOf(approve);
        }
    }

    /** @param approval the token plan.approve gave; required when the plan has CONFIRM actions */
    record Execute(String planId, String approval) implements Params {
        public Execute {
            require(planId != null, "params.plan_id is required");
        }
    }

    /** one plan, by id (plan.preview, plan.cancel). */
    record PlanRef(String planId) implements Params {
        public PlanRef {
            require(planId != null, "params.plan_id is required");
        }
    }

    /** @param planId only this plan, or null for all the caller may see */
    record Status(String planId) implements Params {
    }

    /** @param lines how many of the newest entries (default 20, at most 1000) */
    record Tail(Integer lines) implements Params {
        public Tail {
            require(lines == null || lines >= 1, "params.lines must be at least 1");
        }

        public int count() {
            return lines == null ? 20 : Math.min(1000, lines);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
