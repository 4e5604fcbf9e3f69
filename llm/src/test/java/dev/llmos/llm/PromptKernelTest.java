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
                - `append_file` (mutating): append text to a file, keeping its mode (the original is backed up; undoable)
                  - `path` string (required): absolute path; symlinks are followed; created with mode 0644 when missing
                  - `content` string (required): utf-8 text added at the end of the file
                - `beep` (read-only): sound the pc speaker
                  - `times` integer (required): how many beeps
                  - `tone` one of ["low","high"]
                - `exec` (mutating): run a program with arguments (argv, no shell) in a scrubbed environment, with a timeout and captured output
                  - `argv` list of string (required): the program and its arguments, one element each; never run through a shell
                  - `cwd` string: absolute working directory; it must exist
                  - `timeout_sec` integer: seconds before the whole process group is killed
                  - `as_root` boolean: run with root privileges instead of the requester's
                  - `env` map of name to string, sent as a list of {name, value}: extra environment variables; loader and interpreter hooks (LD_*, BASH_ENV, PYTHONPATH, ...) are refused
                - `install_packages` (mutating): install packages (by name from the repositories, or local package files) with apt, dnf or pacman; undoable
                  - `manager` one of ["apt","dnf","pacman"]: the package manager; default: the host's own
                  - `packages` list of string (required): package names from the configured repositories (no versions, paths or patterns)
                  - `files` list of string: absolute paths of local package files to install (.deb for apt, .rpm for dnf, .pkg.tar.zst for pacman)
                  - `timeout_sec` integer: seconds before the package manager is killed (default 900)
                - `observe` (read-only): measure the host: pressure stall info, load, memory, disk usage, top processes, or one process's scheduling
                  - `what` one of ["pressure","load","memory","disk","processes","process"] (required): pressure: stall info of cpu, memory and io; load: load averages; memory: /proc/meminfo; disk: usage per mounted filesystem; processes: the top processes; process: one process's scheduling (policy, nice, cpu time)
                  - `pid` integer: the process, for what=process
                  - `by` one of ["cpu","rss"]: for what=processes: order by cpu (measured over sample_ms) or rss (resident memory); default cpu
                  - `limit` integer: for what=processes: how many to list (default 10)
                  - `sample_ms` integer: for what=processes by cpu: how long to measure (default 500)
                  - `path` string: for what=disk: only the filesystem holding this absolute path (default: every mounted filesystem)
                - `read_file` (read-only): read the start of a regular file (utf-8 text, or base64 when binary)
                  - `path` string (required): absolute path of a regular file
                  - `max_bytes` integer: the most bytes to return (default 65536)
                - `remove_packages` (destructive): remove installed packages (configuration kept) with apt, dnf or pacman; undo reinstalls the exact versions
                  - `manager` one of ["apt","dnf","pacman"]: the package manager; default: the host's own
                  - `packages` list of string (required): names of installed packages to remove; their configuration files are kept
                  - `timeout_sec` integer: seconds before the package manager is killed (default 900)
                - `service_control` (mutating): start, stop, restart, enable or disable a systemd unit, or report its status (undo restores its previous state)
                  - `action` one of ["start","stop","restart","enable","disable","status"] (required): what to do with the unit; status only reports
                  - `unit` string (required): a systemd unit name such as nginx.service or fstrim.timer; .service is assumed without a suffix
                - `update_system` (mutating): refresh the package lists and, with upgrade, upgrade installed packages (apt, dnf or pacman)
                  - `manager` one of ["apt","dnf","pacman"]: the package manager; default: the host's own
                  - `upgrade` boolean: also upgrade installed packages (default false: only refresh the package lists)
                  - `timeout_sec` integer: seconds before the package manager is killed (default 900)
                - `write_file` (mutating): replace a file's whole content atomically (the original is backed up; undoable)
                  - `path` string (required): absolute path; symlinks are followed; the parent directory must exist
                  - `content` string (required): the complete new content, utf-8 text
                  - `mode` string: octal permissions such as 0644; default: the existing file's, else 0644""",
                PromptKernel.catalogue(SpecOnlyHandler.realPlus(SpecOnlyHandler.beep())));
    }

    @Test
    void aNewActionReachesTheSystemPromptWithoutEditingTheTemplate() {
        String system = PromptKernel.of(SpecOnlyHandler.realPlus(SpecOnlyHandler.beep())).system();
        assertFalse(PromptKernel.template().contains("beep"));
        assertTrue(system.contains("- `beep` (read-only): sound the pc speaker\n"), system);
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
