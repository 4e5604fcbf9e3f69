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
}
