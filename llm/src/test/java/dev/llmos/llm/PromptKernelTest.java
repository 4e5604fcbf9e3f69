package dev.llmos.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptKernelTest {

    @Test
    void actionsAreRenderedFromTheRegistryWithTheirFields() {
        assertEquals("""
                - append_file (mutating): append text to a file, keeping its mode (the original is backed up; undoable)
                  path*: absolute path; symlinks are followed; created with mode 0644 when missing
                  content*: utf-8 text added at the end of the file
                - beep (read-only): sound the pc speaker
                  times*: how many beeps
                  tone: low|high
                - exec (mutating): run a program with arguments (argv, no shell) in a scrubbed environment, with a timeout and captured output
                  argv*: the program and its arguments, one element each; never run through a shell
                  cwd: absolute working directory; it must exist; / when not given (relative paths in argv are taken against it)
                  timeout_sec: seconds before the whole process group is killed
                  as_root: run with root privileges instead of the requester's
                  env: list of {name, value}: extra environment variables; loader and interpreter hooks (LD_*, BASH_ENV, PYTHONPATH, ...) are refused
                - read_file (read-only): read the start of a regular file (utf-8 text, or base64 when binary)
                  path*: absolute path of a regular file
                  max_bytes: the most bytes to return (default 65536)
                - write_file (mutating): replace a file's whole content atomically (the original is backed up; undoable)
                  path*: absolute path; symlinks are followed; the parent directory must exist
                  content*: the complete new content, utf-8 text
                  mode: octal permissions such as 0644; default: the existing file's, else 0644""",
                PromptKernel.catalogue(dev.llmos.engine.registry.ActionRegistry.of(java.util.List.of(
                        new dev.llmos.actions.files.AppendFileHandler(), new dev.llmos.actions.exec.ExecHandler(),
                        new dev.llmos.actions.files.ReadFileHandler(), new dev.llmos.actions.files.WriteFileHandler(),
                        SpecOnlyHandler.beep()))));
    }

    @Test
    void aNewActionReachesTheSystemPromptWithoutEditingTheTemplate() {
        String system = PromptKernel.of(SpecOnlyHandler.realPlus(SpecOnlyHandler.beep())).system();
        assertFalse(PromptKernel.template().contains("beep"));
        assertTrue(system.contains("- beep (read-only): sound the pc speaker\n"), system);
    }

    @Test
    void aFieldDescribedTheSameWayBeforeIsNotDescribedAgain() {
        String catalogue = PromptKernel.catalogue(Fixtures.REGISTRY);
        String display = "  display: the local x display, such as \":0\" (default: llm-os's DISPLAY)\n";
        assertEquals(catalogue.indexOf(display), catalogue.lastIndexOf(display), catalogue);
        assertTrue(catalogue.contains("  display: as above\n"), catalogue);
    }

    @Test
    void theRenderedPromptHasNoPlaceholderLeft() {
        assertFalse(PromptKernel.of(Fixtures.REGISTRY).system().contains("{{"));
    }

    @Test
    void aTemplateWithoutThePlaceholderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptKernel.of("no list here", Fixtures.REGISTRY));
        assertEquals("prompt template has no {{actions}} placeholder", e.getMessage());
    }

    /** the concept document's rules (section 7), each still said somewhere in the kernel. */
    @ParameterizedTest
    @ValueSource(strings = {
        "you must never invent results",
        "planonly: prose",
        "actionplan: `actions` holds the actions to run in order",
        "change nothing the person did not ask to change",
        "exactly one targeted question",
        "every step is minimal, and reversible when possible",
        "carries `danger`",
        "\"recovery: ...\"",
        "never reveal secrets",
        "no commentary outside it",
        "prefer idempotent",
        "gather what you need first",
        "if an action failed, stop and answer in planonly mode: what failed, the stderr excerpt, and the",
        "`exec` takes argv, never a shell"})
    void kernelStatesTheRule(String rule) {
        assertTrue(PromptKernel.template().contains(rule), rule);
    }
}
