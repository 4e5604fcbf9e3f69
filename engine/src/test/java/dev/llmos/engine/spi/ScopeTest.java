package dev.llmos.engine.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the one line a person reads about what a granted action may touch. */
class ScopeTest {

    @Test
    void aGrantedServiceSocketIsNotCalledASecret() {
        Scope scope = Scope.reading("/run/docker.sock").union(Scope.withNetwork());

        assertEquals("read-only; may open protected /run/docker.sock; network; as the requester", scope.describe());
    }

    @Test
    void nothingGrantedReadsAsConfinedToTheRequester() {
        assertEquals("read-only; no network; as the requester", Scope.NONE.describe());
    }

    @Test
    void aGrantOfNothingAddsNothingAndGrantsAddUpInOrderWithoutRepeats() {
        Scope write = Scope.writing("/srv/app");

        assertEquals(write, Scope.NONE.union(write));
        assertEquals(write, write.union(Scope.NONE));
        assertEquals(new Scope(java.util.List.of("/srv/app", "/var/log/app"), java.util.List.of(), true, false,
                        java.util.List.of(), false),
                write.union(Scope.writing("/var/log/app")).union(Scope.withNetwork()).union(write));
    }
}
