package dev.llmos.engine.spi;

/**
 * what policy rules see of one action: a record typed per action kind, so a misspelt field in a
 * {@code .drl} is a compile error rather than a rule that silently never matches. handlers put
 * resolved paths and other precomputed, discrete fields (program basename, top-level directory)
 * in it so rules can match them with {@code ==}.
 */
public interface ActionFact {

    /** the action's id in the plan. */
    String id();

    /** the action's position in the plan, from 0. */
    int index();

    /** the action's type, as in the plan. */
    String type();

    /**
     * facts this one is made of, decided under the same action id (the commands a shell script
     * runs, the program a wrapper starts). each is inserted beside this fact; any deny among them
     * denies the action. none by default.
     */
    default java.util.List<? extends ActionFact> parts() {
        return java.util.List.of();
    }
}
