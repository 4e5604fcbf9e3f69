package dev.llmos.cli;

import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the README's list of action types is the registry's, not a hand-kept copy. */
class ActionListDocTest {

    static final String BEGIN = "<!-- BEGIN GENERATED: llmsh actions (ActionListDocTest) -->\n";
    static final String END = "<!-- END GENERATED -->";

    @Test
    void theReadmesActionListIsTheRegistrys() throws IOException {
        StringBuilder expected = new StringBuilder();
        for (ActionSpec<?> s : ActionRegistry.discover().specs()) {
            expected.append("- `").append(s.type()).append("` (").append(s.effect().wire().replace('_', '-')).append("): ")
                    .append(s.summary()).append('\n');
        }
        String readme = Files.readString(Cli.ROOT.resolve("README.md"));
        int from = readme.indexOf(BEGIN) + BEGIN.length();
        String block = readme.substring(from, readme.indexOf(END, from));
        assertEquals(expected.toString(), block, "README.md's action list is out of date; put this between its markers:\n" + expected);
    }
}
