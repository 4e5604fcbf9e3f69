package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** what the fake model says, and how to read what llmsh sent it. */
final class ModelAnswers {

    private ModelAnswers() {
    }

    /** a planonly answer: the goal is the answer, the steps its findings. */
    static String answer(String goal, String... steps) {
        ObjectNode plan = Json.mapper().createObjectNode();
        plan.put("version", 1).put("mode", "planonly").put("goal", goal);
        ArrayNode list = plan.putArray("steps");
        for (String s : steps) {
            list.add(s);
        }
        return Json.write(plan);
    }

    /**
     * the run outcome fed back in a request: results messages are a header line, the outcome as one
     * line of json, then the instruction.
     */
    static JsonNode results(FakeOpenAi.Request request) {
        String json = request.lastMessage().split("\n")[1];
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** the plan modes the request's schema allows. */
    static JsonNode modes(FakeOpenAi.Request request) {
        return request.body().at("/response_format/json_schema/schema/properties/mode/enum");
    }

    /** a loopback port nothing listens on. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
