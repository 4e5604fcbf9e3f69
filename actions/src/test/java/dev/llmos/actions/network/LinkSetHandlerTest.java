package dev.llmos.actions.network;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** links of a namespace the test built, taken down and brought back. */
class LinkSetHandlerTest {

    private Netns ns;
    private LinkSetHandler handler;

    @TempDir
    Path state;

    @BeforeEach
    void namespace() throws Exception {
        ns = Netns.create();
        handler = new LinkSetHandler(ns.tool());
    }

    @AfterEach
    void removeNamespace() throws Exception {
        // null when the test was skipped before the namespace was made
        if (ns != null) {
            ns.close();
        }
    }

    private boolean up(String link) throws Exception {
        return NetState.link(ns.tool(), link).orElseThrow().up();
    }

    @Test
    void takesALinkDownAndUndoBringsItBackUp() throws Exception {
        LinkSetParams down = new LinkSetParams("v1", "down");
        ActionOutcome done = handler.execute(down, TestContexts.exec(state));
        boolean afterDown = up("v1");
        ActionOutcome undone = handler.undo(down, done.undo(), TestContexts.exec(state));
        assertEquals(List.of(true, false, true, true), List.of(done.ok(), afterDown, undone.ok(), up("v1")));
    }

    @Test
    void aLinkAlreadyInTheAskedStateIsLeftAloneWithNothingToUndo() throws Exception {
        ActionOutcome outcome = handler.execute(new LinkSetParams("v0", "up"), TestContexts.exec(state));
        assertEquals(List.of(true, List.of(), false), List.of(outcome.ok(), outcome.changes(), outcome.data().path("changed").asBoolean()));
        assertEquals(null, outcome.undo());
    }

    @Test
    void refusesToTakeDownTheLinkOfTheDefaultRoute() throws Exception {
        ActionOutcome outcome = handler.execute(new LinkSetParams("v0", "down"), TestContexts.exec(state));
        assertEquals(List.of("refused: v0 carries the default route; add another route out first, or do this from the console", true),
                List.of(outcome.error(), up("v0")));
    }

    @Test
    void anUnknownLinkIsReported() {
        assertEquals("no link nosuch0", handler.execute(new LinkSetParams("nosuch0", "up"), TestContexts.exec(state)).error());
    }

    @Test
    void theFactSaysWhichLinkCarriesTheDefaultRoute() {
        assertEquals(List.of(
                        new LinkSet("a1", 0, "link_set", "because", "low", "v0", "down", true, true, false, true, 1),
                        new LinkSet("a1", 0, "link_set", "because", "low", "lo", "down", true, false, true, false, 0)),
                List.of(handler.fact(TestContexts.header("link_set"), new LinkSetParams("v0", "down"), TestContexts.facts()),
                        handler.fact(TestContexts.header("link_set"), new LinkSetParams("lo", "down"), TestContexts.facts())));
    }
}
