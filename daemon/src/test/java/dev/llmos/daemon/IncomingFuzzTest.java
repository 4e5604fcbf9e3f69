package dev.llmos.daemon;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.llmos.daemon.client.RpcError;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the json-rpc request reader under arbitrary bytes: every line becomes a call, a notification or
 * an error with a json-rpc code, never an exception. the committed inputs run in every build;
 * JAZZER_FUZZ=1 fuzzes for maxDuration.
 */
class IncomingFuzzTest {

    private static final Set<Integer> CODES = Set.of(RpcError.PARSE_ERROR, RpcError.INVALID_REQUEST, RpcError.METHOD_NOT_FOUND,
            RpcError.INVALID_PARAMS);

    @FuzzTest(maxDuration = "60s")
    void everyLineIsAnsweredOrIgnoredNeverThrown(byte[] line) {
        Incoming in = Incoming.read(line);
        switch (in) {
            case Incoming.Call call -> {
                assertNotNull(call.id());
                assertNotNull(call.params());
            }
            case Incoming.Notification n -> assertNotNull(n.method());
            case Incoming.Invalid invalid -> {
                assertNotNull(invalid.id());
                assertTrue(CODES.contains(invalid.error().code()), invalid.error().toString());
                assertNotNull(invalid.error().message());
            }
        }
    }
}
