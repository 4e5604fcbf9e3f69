package dev.llmos.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the man pages' source as scripts/package makes it: global options once, on the top pages. */
class ManPagesTest {

    @TempDir
    static Path adoc;

    @BeforeAll
    static void generate() throws Exception {
        ManPages.main(new String[]{adoc.toString()});
    }

    private static String page(String name) throws IOException {
        return Files.readString(adoc.resolve(name + ".adoc"));
    }

    @Test
    void theGlobalOptionsAreOnTheTopPagesOnly() throws IOException {
        assertEquals(List.of(true, true, false, false, false), List.of(page("llmsh").contains("*--policy*=_DIR_::"),
                page("llm-osd").contains("*--policy*=_DIR_::"), page("llmsh-run").contains("*--policy*"),
                page("llmsh-policy-check").contains("*--embedded*"), page("llm-osd-serve").contains("*--state*")));
    }

    @Test
    void aSubcommandPagePointsToItsTopPage() throws IOException {
        assertTrue(page("llmsh-run").contains("see llmsh(1)."), page("llmsh-run"));
        assertTrue(page("llm-osd-serve").contains("see llm-osd(1)."), page("llm-osd-serve"));
    }

    @Test
    void aSubcommandPageKeepsItsOwnOptions() throws IOException {
        assertTrue(page("llmsh-run").contains("*--dry-run*::"), page("llmsh-run"));
        assertTrue(page("llm-osd-serve").contains("*--max-clients*=_N_::"), page("llm-osd-serve"));
    }

    @Test
    void theExitCodesAreOnThePages() throws IOException {
        assertTrue(page("llmsh").contains("Exit codes: 0 ok, 1 "), page("llmsh"));
        assertTrue(page("llmsh-run").contains("Exit codes: 0 everything ran"), page("llmsh-run"));
    }
}
