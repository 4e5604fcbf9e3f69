package dev.llmos.daemon.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParamsJsonTest {

    @Test
    void everyParamsRecordIsWrittenAsTheMapperWritesIt() {
        List<Params> all = List.of(new Params.None(), new Params.Reload(null), new Params.Reload(true),
                new Params.Submit(JsonNodeFactory.instance.objectNode().put("goal", "g")),
                new Params.Approve("p1", "d1", List.of()), new Params.Approve("p1", "d1", List.of("a1", "a2")),
                new Params.Execute("p1", null), new Params.Execute("p1", "token"), new Params.PlanRef("p1"),
                new Params.Status(null), new Params.Status("p1"), new Params.Tail(null), new Params.Tail(5));
        for (Params p : all) {
            assertEquals(Json.tree(p), ParamsJson.of(p), p.toString());
        }
    }
}
