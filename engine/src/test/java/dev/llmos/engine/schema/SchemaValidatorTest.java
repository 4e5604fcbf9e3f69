package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaValidatorTest {

    private static final SchemaValidator VALIDATOR = new SchemaValidator(json("""
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
             "properties": {
               "plan": {"type": ["object", "string"]},
               "count": {"type": "integer", "maximum": 10},
               "tags": {"type": "array", "maxItems": 1, "items": {"type": "string", "maxLength": 2}},
               "expect": {"type": "object", "minProperties": 1}}}"""));

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void namesEachTypeAValueCouldHaveHad() {
        assertEquals(List.of(new PlanError("/plan", "expected object, got integer"),
                        new PlanError("/plan", "expected string, got integer")),
                VALIDATOR.validate(json("{\"plan\": 3}")));
    }

    @Test
    void wordsSizesInDocumentOrder() {
        assertEquals(List.of(new PlanError("/count", "11 is not less or equal to 10"),
                        new PlanError("/expect", "minimum size: [1], found: [0]"),
                        new PlanError("/tags", "expected maximum item count: 1, found: 2"),
                        new PlanError("/tags/1", "expected maxLength: 2, actual: 3"),
                        new PlanError("/zz", "unknown key")),
                VALIDATOR.validate(json("{\"count\": 11, \"tags\": [\"ab\", \"abc\"], \"expect\": {}, \"zz\": 1}")));
    }

    @Test
    void takesAWholeNumberWrittenWithAFractionAsAnInteger() {
        // draft-07 counts 3.0 as an integer; a fraction is still refused (decision 0025)
        assertEquals(List.of(new PlanError("/count", "expected integer, got number")),
                VALIDATOR.validate(json("{\"count\": 3.5}")));
        assertEquals(List.of(), VALIDATOR.validate(json("{\"count\": 3.0}")));
    }

    @Test
    void checksAValueThatIsNotAnObjectAtAll() {
        assertEquals(List.of(new PlanError("", "expected object, got array")), VALIDATOR.validate(json("[]")));
    }
}
