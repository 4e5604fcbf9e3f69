package dev.llmos.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;
import dev.llmos.engine.testkit.NoteHandler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActionRegistryTest {

    /** a handler whose schema is given by the test. */
    record Odd(String type, String schema) implements ActionHandler<NoteHandler.NoteParams> {
        @Override
        public ActionSpec<NoteHandler.NoteParams> spec() {
            JsonNode node;
            try {
                node = Json.mapper().readTree(schema);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
            return new ActionSpec<>(type, "odd", NoteHandler.NoteParams.class, node, NoteHandler.Note.class, Effect.READ_ONLY, false, false);
        }

        @Override
        public ActionFact fact(ActionHeader header, NoteHandler.NoteParams params, FactContext context) {
            return null;
        }

        @Override
        public Preview preview(NoteHandler.NoteParams params, ExecContext context) {
            return null;
        }

        @Override
        public ActionOutcome execute(NoteHandler.NoteParams params, ExecContext context) {
            return null;
        }
    }

    @Test
    void rejectsTwoHandlersForOneTypeNamingBoth() {
        var e = assertThrows(ActionRegistry.RegistryException.class,
                () -> ActionRegistry.of(List.of(new NoteHandler(), new Odd("note", "{\"properties\":{}}"))));
        assertEquals("action type \"note\" is declared twice: by " + NoteHandler.class.getName() + " and by " + Odd.class.getName(),
                e.getMessage());
    }

    @Test
    void rejectsASchemaFieldTheParamsRecordLacks() {
        var e = assertThrows(ActionRegistry.RegistryException.class,
                () -> ActionRegistry.of(List.of(new Odd("odd", "{\"properties\":{\"colour\":{\"type\":\"string\"}}}"))));
        assertEquals(Odd.class.getName() + ": schema of odd declares colour, which NoteParams has no component for", e.getMessage());
    }

    @Test
    void rejectsAFragmentThatRedefinesAHeaderField() {
        var e = assertThrows(ActionRegistry.RegistryException.class,
                () -> ActionRegistry.of(List.of(new Odd("odd", "{\"properties\":{\"reason\":{\"type\":\"string\"}}}"))));
        assertEquals(Odd.class.getName() + ": schema of odd redefines header field reason", e.getMessage());
    }

    @Test
    void rejectsABadTypeName() {
        var e = assertThrows(ActionRegistry.RegistryException.class,
                () -> ActionRegistry.of(List.of(new Odd("Bad-Type", "{\"properties\":{}}"))));
        assertEquals(Odd.class.getName() + ": action type must match ^[a-z][a-z0-9_]{0,63}$, got Bad-Type", e.getMessage());
    }
}
