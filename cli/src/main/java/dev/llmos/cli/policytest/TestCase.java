package dev.llmos.cli.policytest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.schema.PlanValidationException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * one case as written (schema-checked), resolved into a plan and expectations once its sandbox
 * directory is known: {@code ${sandbox}} may appear in any string of the case.
 *
 * @param file the suite file as shown in output
 * @param index position in the file's {@code cases}, from 0
 */
public record TestCase(String file, String name, int index, JsonNode node, JsonNode suiteRequester, JsonNode suiteHost) {

    public static final String SANDBOX = "${sandbox}";

    /** who asks when neither the case nor the suite says. */
    static final Requester DEFAULT_REQUESTER = new Requester(1000, 1000, "alice", List.of("alice"));
    /** the host when neither the case nor the suite says; each field can be overridden alone. */
    static final HostFacts DEFAULT_HOST = new HostFacts("testhost", "debian", "12", "x86_64", "apt", "systemd");

    /** a case ready to decide. */
    public record Resolved(Requester requester, HostFacts host, Path cwd, List<JsonNode> setup, Plan plan,
                           Map<String, Expectation> expect) {
    }

    /** whether the case needs a sandbox directory at all. */
    public boolean usesSandbox() {
        return node.has("setup") || node.toString().contains(SANDBOX);
    }

    public String pointer() {
        return "/cases/" + index;
    }

    /** @throws MalformedSuiteException naming this case and the pointer of each problem */
    public Resolved resolve(String sandbox, PlanParser parser) {
        JsonNode c = substitute(node.deepCopy(), sandbox);
        List<SuiteProblem> problems = new ArrayList<>();
        Plan plan = plan(c.get("plan"), parser, problems);
        Map<String, Expectation> expect = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : c.get("expect").properties()) {
            if (plan != null && plan.actions().stream().noneMatch(a -> a.id().equals(e.getKey()))) {
                problems.add(problem("/expect/" + e.getKey(), "the plan has no action " + e.getKey() + " (actions: "
                        + String.join(", ", plan.actions().stream().map(a -> a.id()).toList()) + ")"));
            }
            expect.put(e.getKey(), Expectation.of(e.getValue()));
        }
        if (!problems.isEmpty()) {
            throw new MalformedSuiteException(problems);
        }
        List<JsonNode> setup = new ArrayList<>();
        c.path("setup").forEach(setup::add);
        return new Resolved(requester(c.has("requester") ? c.get("requester") : suiteRequester),
                host(c.get("host")), Path.of(c.path("cwd").asText("/")), setup, plan, expect);
    }

    private Plan plan(JsonNode given, PlanParser parser, List<SuiteProblem> problems) {
        JsonNode plan = given;
        if (given.isTextual()) {
            try {
                plan = Json.mapper().readTree(given.asText());
            } catch (JsonProcessingException e) {
                problems.add(problem("/plan", "the plan string is not json: " + e.getOriginalMessage()));
                return null;
            }
        }
        if (plan instanceof ObjectNode o) {
            // a plan file's header, filled in where the case leaves it out
            if (!o.has("version")) {
                o.put("version", 1);
            }
            if (!o.has("mode")) {
                o.put("mode", "actionplan");
            }
            if (!o.has("goal")) {
                o.put("goal", name);
            }
            if (o.get("actions") instanceof ArrayNode actions) {
                actions.forEach(a -> {
                    if (a instanceof ObjectNode action && !action.has("reason")) {
                        action.put("reason", "policy test: " + name);
                    }
                });
            }
        }
        try {
            return parser.parse(plan);
        } catch (PlanValidationException e) {
            e.errors().forEach(err -> problems.add(problem("/plan" + err.pointer(), err.message())));
            return null;
        }
    }

    private SuiteProblem problem(String pointer, String message) {
        return new SuiteProblem(file, name, pointer() + pointer, 0, 0, message);
    }

    private HostFacts host(JsonNode own) {
        HostFacts d = DEFAULT_HOST;
        return new HostFacts(field("hostname", own, d.hostname()), field("os", own, d.os()),
                field("os_version", own, d.osVersion()), field("arch", own, d.arch()),
                field("package_manager", own, d.packageManager()), field("init_system", own, d.initSystem()));
    }

    private String field(String name, JsonNode own, String fallback) {
        if (own != null && own.hasNonNull(name)) {
            return own.get(name).asText();
        }
        if (suiteHost != null && suiteHost.hasNonNull(name)) {
            return suiteHost.get(name).asText();
        }
        return fallback;
    }

    private static Requester requester(JsonNode r) {
        if (r == null || r.isNull()) {
            return DEFAULT_REQUESTER;
        }
        int uid = r.get("uid").asInt();
        String user = r.get("user").asText();
        List<String> groups = new ArrayList<>();
        r.path("groups").forEach(g -> groups.add(g.asText()));
        return new Requester(uid, r.path("gid").asInt(uid), user, r.has("groups") ? groups : List.of(user));
    }

    private static JsonNode substitute(JsonNode node, String sandbox) {
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                e.setValue(substitute(e.getValue(), sandbox));
            }
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substitute(a.get(i), sandbox));
            }
            return a;
        }
        if (node.isTextual() && node.asText().contains(SANDBOX)) {
            return TextNode.valueOf(node.asText().replace(SANDBOX, sandbox));
        }
        return node;
    }
}
