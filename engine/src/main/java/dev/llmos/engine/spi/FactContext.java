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

    /** the limits execution will apply, so facts show the effective timeout and sizes. */
    default Limits limits() {
        return Limits.DEFAULT;
    }
}
