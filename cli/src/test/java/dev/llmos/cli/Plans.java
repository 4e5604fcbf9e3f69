package dev.llmos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** plans for tests, written as json through jackson so paths and content are escaped properly. */
final class Plans {

    private Plans() {
    }

    static String plan(ObjectNode... actions) {
        ObjectNode plan = Json.mapper().createObjectNode();
        plan.put("version", 1).put("mode", "actionplan").put("goal", "a test plan");
        ArrayNode list = plan.putArray("actions");
        for (ObjectNode a : actions) {
            list.add(a);
        }
        return Json.pretty(plan);
    }

    static ObjectNode exec(String id, String... argv) {
        ObjectNode a = header(id, "exec");
        ArrayNode list = a.putArray("argv");
        for (String w : argv) {
            list.add(w);
        }
        return a;
    }

    static ObjectNode write(String id, Path path, String content) {
        return header(id, "write_file").put("path", path.toString()).put("content", content);
    }

    static ObjectNode append(String id, Path path, String content) {
        return header(id, "append_file").put("path", path.toString()).put("content", content);
    }

    static ObjectNode read(String id, String path) {
        return header(id, "read_file").put("path", path);
    }

    /** writes the plan to {@code dir/plan.json} and returns its path as a string argument. */
    static String file(Path dir, String plan) {
        try {
            Path f = dir.resolve("plan.json");
            Files.writeString(f, plan);
            return f.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode header(String id, String type) {
        ObjectNode a = Json.mapper().createObjectNode();
        a.put("id", id).put("type", type).put("reason", "test step " + id);
        return a;
    }
}
