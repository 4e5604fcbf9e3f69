package dev.llmos.actions.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** addresses and routes of a namespace the test built, as structured data. */
class NetworkShowHandlerTest {

    private Netns ns;

    @TempDir
    Path state;

    @BeforeEach
    void namespace() throws Exception {
        ns = Netns.create();
    }

    @AfterEach
    void removeNamespace() throws Exception {
        // null when the test was skipped before the namespace was made
        if (ns != null) {
            ns.close();
        }
    }

    private JsonNode show(String what) {
        ActionOutcome outcome = new NetworkShowHandler(ns.tool()).execute(new NetworkShowParams(what), TestContexts.exec(state));
        assertEquals(null, outcome.error());
        return outcome.data();
    }

    @Test
    void listsEachLinkWithWhetherItIsUpAndItsIpv4Addresses() {
        List<List<Object>> links = new ArrayList<>();
        for (JsonNode l : show("addresses").path("links")) {
            List<String> v4 = new ArrayList<>();
            l.path("addresses").forEach(a -> {
                if (a.path("family").asText().equals("inet")) {
                    v4.add(a.path("address").asText() + "/" + a.path("prefix_length").asInt());
                }
            });
            links.add(List.of(l.path("name").asText(), l.path("up").asBoolean(), l.path("kind").asText(), v4));
        }
        links.sort((a, b) -> ((String) a.get(0)).compareTo((String) b.get(0)));
        assertEquals(List.of(List.of("lo", false, "loopback", List.of()), List.of("v0", true, "ether", List.of("10.77.0.1/24")),
                List.of("v1", true, "ether", List.of())), links);
    }

    @Test
    void listsTheIpv4RoutesWithGatewayDeviceAndSource() throws Exception {
        List<JsonNode> v4 = new ArrayList<>();
        show("routes").path("routes").forEach(r -> {
            if (r.path("family").asText().equals("inet")) {
                v4.add(r);
            }
        });
        assertEquals(List.of(
                        Json.mapper().readTree("""
                                {"family": "inet", "dst": "default", "gateway": "10.77.0.254", "dev": "v0"}"""),
                        Json.mapper().readTree("""
                                {"family": "inet", "dst": "10.77.0.0/24", "dev": "v0", "protocol": "kernel", "scope": "link",
                                 "source": "10.77.0.1"}""")),
                v4);
    }

    @Test
    void showsOnlyWhatWasAskedFor() {
        List<String> fields = new ArrayList<>();
        show("routes").fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("routes"), fields);
    }
}
