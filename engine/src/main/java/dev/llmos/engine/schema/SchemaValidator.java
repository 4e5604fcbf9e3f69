package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressionFactory;

import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * validates json against a draft-07 schema and reports every violation with its pointer. works on
 * jackson's tree as it is (networknt json-schema-validator, decision 0025): no text round trip.
 */
public final class SchemaValidator {

    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();

    // one registry per validator: schemas share $ids (every plan schema is urn:llm-os:plan:1) and a
    // shared registry would resolve one registry's $refs against another's
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            b -> b.schemaRegistryConfig(CONFIG));
    private final Schema schema;
    // a valid value is told apart quickly; anything else gets the full validator and its wording
    private final QuickCheck quick;
    // subschemas checked again on their own (property names), built once each
    private final Map<JsonNode, Schema> parts = new IdentityHashMap<>();

    public SchemaValidator(JsonNode schemaJson) {
        this.schema = registry.getSchema(schemaJson);
        this.schema.initializeValidators();
        RegularExpressionFactory regex = CONFIG.getRegularExpressionFactory() != null ? CONFIG.getRegularExpressionFactory()
                : JDKRegularExpressionFactory.getInstance();
        this.quick = QuickCheck.of(schemaJson, regex).orElse(null);
    }

    /** whether the quick check covers this schema (every keyword it uses is one the quick check knows). */
    public boolean quick() {
        return quick != null;
    }

    /** the full validator alone, as if there were no quick check: tests compare the two. */
    public List<PlanError> validateFully(JsonNode value, String at) {
        List<Error> errors = schema.validate(value == null ? NullNode.getInstance() : value);
        return errors.isEmpty() ? List.of() : inOrder(new SchemaMessages(this::part).words(errors, at));
    }

    /** what the quick check alone says: true only for a value it is sure is valid. */
    public boolean quicklyValid(JsonNode value) {
        return quick != null && quick.surelyValid(value == null ? NullNode.getInstance() : value);
    }

    public List<PlanError> validate(JsonNode value) {
        return validate(value, "");
    }

    /** as above, for a value found at {@code at} (a json pointer) inside a larger document. */
    public List<PlanError> validate(JsonNode value, String at) {
        JsonNode checked = value == null ? NullNode.getInstance() : value;
        if (quick != null && quick.surelyValid(checked)) {
            return List.of();
        }
        List<Error> errors = schema.validate(checked);
        if (errors.isEmpty()) {
            return List.of();
        }
        return inOrder(new SchemaMessages(this::part).words(errors, at));
    }

    /** distinct, in document order, then by message. */
    static List<PlanError> inOrder(List<PlanError> errors) {
        return errors.stream()
                .distinct()
                .sorted(Comparator.comparing(PlanError::pointer, SchemaValidator::comparePointers)
                        .thenComparing(PlanError::message))
                .toList();
    }

    /** a subschema as a schema of its own, for checking one value against it again. */
    private synchronized Schema part(JsonNode schemaNode) {
        return parts.computeIfAbsent(schemaNode, n -> {
            Schema s = registry.getSchema(n);
            s.initializeValidators();
            return s;
        });
    }

    /** document order: numeric segments compare as numbers, so /actions/10 follows /actions/9. */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("\\d+") && y[i].matches("\\d+")) {
                c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
