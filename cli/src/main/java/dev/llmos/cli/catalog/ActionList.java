package dev.llmos.cli.catalog;

import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;

/**
 * the list of action types that README.md and docs/actions.md carry between {@link #BEGIN} and
 * {@link #END}, rendered from the registry, so a new action is listed without editing either file.
 */
public final class ActionList {

    public static final String BEGIN = "<!-- action list: generated from the registry, do not edit -->";
    public static final String END = "<!-- end of action list -->";
    /** what a stale list's test failure tells the reader to run. */
    public static final String REGENERATE = "mvn -q -B -o test -pl cli -am -Dtest=GeneratedDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dllmos.regenerate=true";

    private ActionList() {
    }

    /** the block, markers included. */
    public static String markdown(ActionRegistry registry) {
        StringBuilder md = new StringBuilder(BEGIN).append("\n| type | what it does | effect | dry run | undo |\n|---|---|---|---|---|\n");
        for (ActionSpec<?> spec : registry.specs()) {
            md.append("| `").append(spec.type()).append("` | ").append(spec.summary().replace("|", "\\|")).append(" | ")
                    .append(spec.effect().wire().replace('_', '-')).append(" | ")
                    .append(spec.canDryRun() ? "yes" : "no").append(" | ").append(spec.canUndo() ? "yes" : "no").append(" |\n");
        }
        return md.append(END).toString();
    }

    /** {@code text} with its block replaced by a fresh one. */
    public static String splice(String text, ActionRegistry registry) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no action list block (" + BEGIN + " ... " + END + ")");
        }
        return text.substring(0, begin) + markdown(registry) + text.substring(end + END.length());
    }

    /** {@code text} without its generated block: the hand-written part. */
    public static String handWritten(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        return begin < 0 || end < begin ? text : text.substring(0, begin) + text.substring(end + END.length());
    }
}
