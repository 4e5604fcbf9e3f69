package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.spi.ActionSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * the system prompt and the fixed wording of every message the planner sends. the rules live in
 * {@code prompt-kernel.md}; the list of actions is rendered into its {@code {{actions}}} placeholder
 * from the registry, so a new action reaches the model without editing the prompt.
 */
public final class PromptKernel {

    public static final String RESOURCE = "prompt-kernel.md";
    static final String ACTIONS = "{{actions}}";

    private final String system;

    private PromptKernel(String system) {
        this.system = system;
    }

    public static PromptKernel of(ActionRegistry registry) {
        return of(template(), registry);
    }

    /** a kernel from another template (tests, or an admin's own wording); it must contain the placeholder. */
    public static PromptKernel of(String template, ActionRegistry registry) {
        if (!template.contains(ACTIONS)) {
            throw new IllegalArgumentException("prompt template has no " + ACTIONS + " placeholder");
        }
        return new PromptKernel(template.replace(ACTIONS, catalogue(registry)));
    }

    public static String template() {
        try (InputStream in = PromptKernel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the llm module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String system() {
        return system;
    }

    /**
     * one block per action: {@code - type (effect): summary}, then one line per field: its name ({@code *}
     * when required), its values when they are a fixed set, and its description. types are left to
     * the schema, which the server enforces; a field described the same way before says so briefly.
     */
    static String catalogue(ActionRegistry registry) {
        StringBuilder sb = new StringBuilder();
        Set<String> described = new HashSet<>();
        for (ActionSpec<?> spec : registry.specs()) {
            sb.append("- ").append(spec.type()).append(" (").append(spec.effect().wire().replace('_', '-'))
                    .append("): ").append(spec.summary()).append('\n');
            Set<String> required = new HashSet<>();
            spec.schema().path("required").forEach(r -> required.add(r.asText()));
            for (Map.Entry<String, JsonNode> field : spec.schema().path("properties").properties()) {
                sb.append("  ").append(field.getKey());
                if (required.contains(field.getKey())) {
                    sb.append('*');
                }
                String values = valuesOf(field.getValue());
                String description = field.getValue().path("description").asText("");
                if (!values.isEmpty()) {
                    sb.append(": ").append(values);
                }
                if (!description.isEmpty()) {
                    boolean again = !described.add(field.getKey() + "\u0000" + description);
                    sb.append(": ").append(again ? "as above" : description);
                }
                sb.append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    /** what the schema cannot make plain by itself: a fixed set of values, or a map sent as entries. */
    private static String valuesOf(JsonNode s) {
        if (s.has("enum")) {
            List<String> values = new java.util.ArrayList<>();
            s.get("enum").forEach(v -> values.add(v.asText()));
            return String.join("|", values);
        }
        if (s.path("type").asText().equals("object") && !s.has("properties")) {
            return "list of {name, value}";
        }
        return "";
    }

    /** the person's request, with the mode it must be answered in. */
    String request(String prompt, Mode mode) {
        return "request: " + prompt + "\n" + mode.instruction();
    }

    /** the results of a run, already redacted and trimmed. */
    String results(String json, int step, int maxSteps) {
        return "results of the last plan (plan " + step + " of at most " + maxSteps + "; secrets redacted):\n" + json
                + "\nanswer with the next actionplan if the task needs more, otherwise with the final answer in planonly mode.";
    }

    /** the last plan allowed: the model must summarise instead of acting again. */
    String lastResults(String json, int maxSteps) {
        return "results of the last plan (the step limit of " + maxSteps + " plans is reached; secrets redacted):\n" + json
                + "\nno more actions can run for this request. give the final answer in planonly mode: what was done,"
                + " what was found, and what is left to do.";
    }

    /** results of a run that ended its request, sent before the next request. */
    String ended(String json) {
        return "results of the last plan, which ended that request (secrets redacted):\n" + json
                + "\nthat request is over: what was denied or not approved stays so; do not retry it.";
    }

    /** how many errors a repair message lists: the first few say what is wrong; a hundred fill the context. */
    static final int REPAIR_ERRORS = 5;
    private static final int ERROR_CHARS = 200;

    /** an answer that is not a valid plan, with its first errors as {@code /pointer: message}. */
    String repair(List<PlanError> errors) {
        return "your answer is not a valid plan" + listed(errors)
                + "\nanswer again with the whole corrected plan as one json object.";
    }

    /** a long invalid answer, which is not sent back: only its length and its first errors. */
    String repairLong(List<PlanError> errors, int chars) {
        return "your last answer (" + chars + " characters, not repeated here) is not a valid plan" + listed(errors)
                + "\nanswer again with the whole corrected plan as one short json object: only the actions needed now.";
    }

    /** {@code (N errors; the first 5):} and the errors, each cut to a line. */
    static String listed(List<PlanError> errors) {
        String count = count(errors);
        String head = errors.size() > REPAIR_ERRORS ? " (" + count + "; the first " + REPAIR_ERRORS + "):\n" : " (" + count + "):\n";
        return head + errors.stream().limit(REPAIR_ERRORS).map(e -> "- " + cut(e.toString())).collect(Collectors.joining("\n"));
    }

    static String count(List<PlanError> errors) {
        return errors.size() == 1 ? "1 error" : errors.size() + " errors";
    }

    private static String cut(String line) {
        String one = line.replaceAll("\\s+", " ");
        return one.length() > ERROR_CHARS ? one.substring(0, ERROR_CHARS) + "..." : one;
    }
}
