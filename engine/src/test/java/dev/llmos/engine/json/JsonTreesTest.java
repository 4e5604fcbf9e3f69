package dev.llmos.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTreesTest {

    private static final List<String> DOCS = List.of(
            "{\"a\": 1, \"b\": [true, false, null, \"x\\n\\u00e9\"], \"c\": {\"d\": 2.5, \"e\": -0.0}}",
            "{\"int\": 2147483647, \"long\": 2147483648, \"big\": 123456789012345678901234567890, \"exp\": 1e3}",
            "[]", "[{}, [], \"\", 0]", "\"text\"", "42", "null");

    @Test
    void readsTheTreesTheMapperReads() throws IOException {
        for (String doc : DOCS) {
            assertEquals(Json.mapper().readTree(doc), JsonTrees.read(doc), doc);
            assertEquals(Json.mapper().readTree(doc), JsonTrees.readStrict(doc), doc);
        }
    }

    @Test
    void writesOneLineTheMapperReadsBackEqual() throws IOException {
        for (String doc : DOCS) {
            JsonNode tree = Json.mapper().readTree(doc);
            String line = JsonTrees.write(tree);
            assertEquals(tree, Json.mapper().readTree(line), line);
            assertEquals(Json.write(tree), line);
        }
    }

    @Test
    void refusesDuplicateKeysOnlyWhenStrict() throws IOException {
        String doc = "{\"a\": 1, \"a\": 2}";
        assertEquals(2, JsonTrees.read(doc).path("a").asInt());
        assertThrows(IOException.class, () -> JsonTrees.readStrict(doc));
    }

    @Test
    void refusesTrailingTokensBrokenJsonAndDeepNesting() {
        assertThrows(IOException.class, () -> JsonTrees.read("{} {}"));
        assertThrows(IOException.class, () -> JsonTrees.read("{\"a\": "));
        assertThrows(IOException.class, () -> JsonTrees.read("[".repeat(65) + "]".repeat(65)));
    }

    @Test
    void readsEmptyInputAsNothing() throws IOException {
        assertNull(JsonTrees.read(""));
        assertNull(JsonTrees.read("  \n"));
    }
}
