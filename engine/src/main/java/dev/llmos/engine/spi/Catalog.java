package dev.llmos.engine.spi;

import java.util.List;

/**
 * the admin's catalogues that come with a policy (secret paths, persistence paths, program
 * classes). the policy adapter loads them from the policy directory; the executor masks the
 * secrets in every confined program's view unless the decision's scope grants them.
 */
public interface Catalog {

    Catalog EMPTY = () -> List.of();

    /** path patterns of secrets ({@code *} within one component, {@code **} across components, {@code ~} for any home). */
    List<String> secretPaths();

    /**
     * path patterns of other services' unix sockets (systemd, D-Bus, container engines): masked in a
     * confined program's view like secrets, since connecting needs no write access and a root
     * program could ask the service to act outside its scope. a default, so older catalogues and
     * test doubles keep compiling.
     */
    default List<String> socketPaths() {
        return List.of();
    }
}
