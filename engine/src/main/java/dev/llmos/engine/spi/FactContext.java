package dev.llmos.engine.spi;

import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.Requester;

/** what a handler may consult while turning params into a policy fact. */
public interface FactContext {

    /** the path as the executor will see it: absolute, symlinks followed, with owner and existence. */
    PathFacts path(String path);

    HostFacts host();

    Requester requester();

    /**
     * {@code work}'s answer, worked out once per decision under {@code key} (a program's lookup and
     * identity, asked by every command naming it); answers are never kept across decisions. a
     * context that keeps nothing (a test's) just works it out.
     */
    default <T> T once(String key, java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** the limits execution will apply, so facts show the effective timeout and sizes. */
    default Limits limits() {
        return Limits.DEFAULT;
    }
}
