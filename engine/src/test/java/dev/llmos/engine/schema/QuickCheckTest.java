package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the quick check says "valid" only where it is certain; the rest is the full validator's (decision 0030). */
class QuickCheckTest {

    private static final SchemaValidator VALIDATOR = new SchemaValidator(json("""
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "additionalProperties": false,
             "required": ["name"],
             "properties": {
               "name": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 3},
               "count": {"type": "integer", "maximum": 10},
               "level": {"enum": ["low", 2]}}}"""));

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void isSureOfAValueEveryKeywordAccepts() {
        assertTrue(VALIDATOR.quick());
        assertTrue(VALIDATOR.quicklyValid(json("{\"name\": \"abc\", \"count\": 10, \"level\": \"low\"}")));
    }

    @Test
    void neverPassesWhatAKeywordRefuses() {
        for (String bad : List.of("{}", "{\"name\": \"abcd\"}", "{\"name\": \"Ab\"}", "{\"name\": \"a\", \"count\": 11}",
                "{\"name\": \"a\", \"level\": \"high\"}", "{\"name\": \"a\", \"colour\": 1}", "[]")) {
            assertFalse(VALIDATOR.quicklyValid(json(bad)), bad);
            assertFalse(VALIDATOR.validate(json(bad)).isEmpty(), bad);
        }
    }

    @Test
    void leavesNumbersItCannotSettleExactlyToTheFullValidator() {
        // 3.0 is an integer to draft-07, and 2.0 equals the enum's 2: both valid, neither settled quickly
        for (String unsure : List.of("{\"name\": \"a\", \"count\": 3.0}", "{\"name\": \"a\", \"level\": 2.0}")) {
            assertFalse(VALIDATOR.quicklyValid(json(unsure)), unsure);
            assertEquals(List.of(), VALIDATOR.validate(json(unsure)), unsure);
        }
    }

    @Test
    void checksASchemaWithAKeywordItDoesNotKnowInFull() {
        SchemaValidator dated = new SchemaValidator(json("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string", "format": "date"}"""));
        assertFalse(dated.quick());
        assertEquals(List.of(), dated.validate(json("\"2026-12-06\"")));
    }
}
