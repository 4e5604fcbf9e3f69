package dev.llmos.cli;

import dev.llmos.cli.catalog.ActionList;
import dev.llmos.engine.registry.ActionRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * the action lists in README.md and docs/actions.md are the registry's: a stale one fails with the
 * command that regenerates it ({@code -Dllmos.regenerate=true} rewrites the blocks in place).
 */
class GeneratedDocsTest {

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/actions.md"})
    void theActionListIsTheRegistrys(String name) throws IOException {
        Path file = Cli.ROOT.resolve(name);
        String text = Files.readString(file);
        String fresh = ActionList.splice(text, ActionRegistry.discover());
        if (Boolean.getBoolean("llmos.regenerate")) {
            Files.writeString(file, fresh);
            return;
        }
        assertEquals(fresh, text, name + "'s action list is stale; regenerate it with: " + ActionList.REGENERATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"# a\n", "<!-- end of action list -->\n"})
    void aFileWithoutTheBlockIsReportedNotSilentlyPassed(String text) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ActionList.splice(text, ActionRegistry.discover()));
        assertEquals("no action list block (" + ActionList.BEGIN + " ... " + ActionList.END + ")", e.getMessage());
    }
}
