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
}
