package dev.llmos.actions.exec;

import dev.llmos.engine.spi.Scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * the kernel view a confined program runs in, built by bubblewrap (decision 0011): the host's
 * root read-only; only the scope's writable paths writable; the protected paths read-only even
 * under a writable one (the daemon's socket masked: connecting needs no write access to a
 * read-only mount); the catalogue's secrets masked unless the scope grants them; a minimal /dev
 * plus the granted devices; its own pid namespace, so nothing outlives the program; its own
 * network namespace (loopback only) unless the scope grants the network; no_new_privs. mounts are
 * applied in order (root, writable, /sys /dev /proc, devices, protected, secrets), so a later one
 * wins where paths nest.
 */
final class Sandbox {

    /**
     * what root keeps out of a sandbox: the capabilities that undo the view (mount, raw devices,
     * handles past the mount tree, kernel code, other processes' memory) or act on the whole host.
     */
    static final List<String> ROOT_DROPS = List.of("CAP_SYS_ADMIN", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_MKNOD",
            "CAP_DAC_READ_SEARCH", "CAP_SYS_PTRACE", "CAP_SYS_BOOT", "CAP_BPF", "CAP_PERFMON", "CAP_MAC_ADMIN",
            "CAP_MAC_OVERRIDE", "CAP_SYSLOG", "CAP_SYS_TIME", "CAP_AUDIT_CONTROL", "CAP_LINUX_IMMUTABLE");

    /** processes of bwrap's own in the program's cgroup: the monitor outside and pid 1 inside. */
    static final int OWN_PROCESSES = 2;

    private static final ConcurrentHashMap<String, Optional<String>> PROBED = new ConcurrentHashMap<>();

    private final Path bwrap;
    private final boolean privileged;

    /**
     * @param bwrap the bubblewrap binary
     * @param privileged whether we are root: bwrap then builds the view without a user namespace and
     *                   a requester is dropped to inside it; otherwise bwrap makes a user namespace
     */
    Sandbox(Path bwrap, boolean privileged) {
        this.bwrap = bwrap;
        this.privileged = privileged;
    }

    /** the sandbox on this host: bwrap on the safe PATH. */
    static Sandbox system(boolean privileged) {
        return new Sandbox(ProgramLookup.find("bwrap", null).orElse(Path.of("/usr/bin/bwrap")), privileged);
    }

    /**
     * why this host cannot confine, or empty when it can. tried once per binary with a real
     * sandbox, since a kernel without user namespaces or a locked-down bwrap only shows when run.
     */
    Optional<String> unavailable() {
        return PROBED.computeIfAbsent(bwrap + ":" + privileged, k -> probe());
    }

    private Optional<String> probe() {
        if (!Files.isExecutable(bwrap)) {
            return Optional.of("bubblewrap (" + bwrap + ") is not installed");
        }
        List<String> trial = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--unshare-pid",
                "--unshare-net", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
        if (!privileged) {
            trial.add("--unshare-user");
        }
        trial.add("true");
        try {
            Process p = new ProcessBuilder(trial).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String said = new String(p.getInputStream().readNBytes(2048)).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("bubblewrap did not start a sandbox within 10 s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of("bubblewrap cannot build a sandbox here (exit " + p.exitValue() + (said.isEmpty() ? "" : ": " + said) + ")");
        } catch (IOException e) {
            return Optional.of("cannot run bubblewrap: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying bubblewrap");
        }
    }

    /** what went into the view, for the outcome's data. */
    record View(List<String> command, List<String> writable, List<String> notBound, List<String> masked,
                List<String> truncatedSecrets, List<String> privateScratch) {
    }

    /**
     * the bwrap prefix for one program; the program's argv (after any privilege drop) follows it.
     *
     * @param asRoot whether the program keeps root (minus {@link #ROOT_DROPS}); otherwise it must drop
     *               to a requester right after (setpriv), and keeps only what that needs
     */
    View wrap(Scope scope, List<Path> protectedPaths, SecretPaths.Expanded secrets, String cwd, boolean asRoot) {
        return wrap(scope, protectedPaths, secrets, cwd, asRoot, null);
    }

    /**
     * @param named the program's arguments and environment values: a scratch directory none of them
     *              mentions, that the cwd is not in and that no grant reaches is private to the
     *              program (null: the host's, as before)
     */
    View wrap(Scope scope, List<Path> protectedPaths, SecretPaths.Expanded secrets, String cwd, boolean asRoot,
              List<String> named) {
        List<String> c = new ArrayList<>(List.of(bwrap.toString(), "--die-with-parent", "--new-session", "--unshare-pid",
                "--unshare-ipc", "--unshare-uts"));
        if (!scope.network()) {
            c.add("--unshare-net");
        }
        if (!privileged) {
            c.add("--unshare-user");
        } else if (asRoot) {
            ROOT_DROPS.forEach(cap -> c.addAll(List.of("--cap-drop", cap)));
        } else {
            c.addAll(List.of("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"));
        }
        c.addAll(List.of("--ro-bind", "/", "/"));
        List<String> privateScratch = new ArrayList<>();
        for (Scratch.Private p : named == null ? List.<Scratch.Private>of() : Scratch.of(scope, cwd, named)) {
            // the host's copy (other users' files, links planted for root) is out of sight; writes are discarded
            c.addAll(Scratch.mounts(p));
            privateScratch.add(p.dir());
        }
        List<String> writable = new ArrayList<>();
        List<String> notBound = new ArrayList<>();
        for (String w : scope.writable()) {
            Path real = real(Path.of(w));
            if (real == null) {
                // binding a parent instead would grant more than the decision did
                notBound.add(w);
            } else if (!writable.contains(real.toString())) {
                writable.add(real.toString());
            }
        }
        // a path under another writable one is covered by it; bound on its own it would be a mount
        // point, which cannot be renamed or unlinked (mv and rm fail busy)
        writable.removeIf(w -> writable.stream().anyMatch(d -> !d.equals(w) && (d.equals("/") || w.startsWith(d + "/"))));
        for (String w : writable) {
            c.addAll(List.of("--bind", w, w));
        }
        // after the writable binds, so that even a grant of "/" leaves the kernel's own
        // interfaces read-only and /dev and /proc the sandbox's own
        c.addAll(List.of("--ro-bind-try", "/sys", "/sys", "--dev", "/dev", "--proc", "/proc",
                "--ro-bind", "/proc/sys", "/proc/sys", "--ro-bind-try", "/proc/sysrq-trigger", "/proc/sysrq-trigger"));
        for (String device : scope.devices()) {
            c.addAll(List.of("--dev-bind-try", device, device));
        }
        for (Path p : protectedPaths) {
            Path real = real(p);
            if (real != null) {
                // a socket is masked, not bound: read-only mounts do not stop connect()
                String source = Files.isDirectory(real) || Files.isRegularFile(real) ? real.toString() : "/dev/null";
                c.addAll(List.of("--ro-bind", source, real.toString()));
            }
        }
        List<String> masked = new ArrayList<>();
        for (Path s : secrets.paths()) {
            masked.add(s.toString());
            if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
                c.addAll(List.of("--tmpfs", s.toString(), "--remount-ro", s.toString()));
            } else {
                c.addAll(List.of("--ro-bind", "/dev/null", s.toString()));
            }
        }
        c.addAll(List.of("--chdir", cwd, "--"));
        return new View(c, writable, notBound, masked, secrets.truncated(), privateScratch);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
