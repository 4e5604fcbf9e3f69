package dev.llmos.daemon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlotsTest {

    @Test
    void oneUidHoldsAtMostItsShareAndTheLastSlotsAreKeptForRootAndAdmins() {
        Slots slots = new Slots(10, 4, 2);
        List<Slots.Refusal> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(slots.take(1000, false));
        }
        for (int i = 0; i < 5; i++) {
            got.add(slots.take(1001 + i % 2, false));
        }
        got.add(slots.take(0, true));
        got.add(slots.take(0, true));
        got.add(slots.take(0, true));
        List<Slots.Refusal> expected = new ArrayList<>(java.util.Collections.nCopies(4, (Slots.Refusal) null));
        expected.add(Slots.Refusal.TOO_MANY_FOR_UID);
        expected.addAll(java.util.Collections.nCopies(4, (Slots.Refusal) null));
        // 8 ordinary connections fill the 10 - 2 open slots
        expected.add(Slots.Refusal.TOO_MANY_CLIENTS);
        expected.add(null);
        expected.add(null);
        expected.add(Slots.Refusal.TOO_MANY_CLIENTS);
        assertEquals(expected, got);
        slots.release(1000);
        // the freed slot is one of the reserved ones now: root's, not an ordinary user's
        assertEquals(Slots.Refusal.TOO_MANY_CLIENTS, slots.take(1000, false));
        assertEquals(null, slots.take(0, true));
    }
}
