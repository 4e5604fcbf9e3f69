package dev.llmos.engine.policy;

import dev.llmos.engine.host.PathFacts;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * what no policy can allow a plan to modify: the policy directory, the daemon's configuration and
 * the audit log (and the state directory that holds backups and journals). checked in code on
 * resolved paths, so neither a rule nor a symlink can open them.
 */
public final class ProtectedPaths {

    public static final String RULE = "builtin.protected-path";

    private final List<Path> roots;

    public ProtectedPaths(List<Path> roots) {
        this.roots = roots.stream()
                .map(p -> Path.of(new dev.llmos.engine.host.PathResolver(Path.of("/")).resolve(p.toAbsolutePath().toString()).realPath()))
                .distinct()
                .toList();
    }

    public List<Path> roots() {
        return roots;
    }

    /** a deny for {@code actionId} if {@code target} lies in a protected root. */
    public Optional<RuleOutput.Match> check(String actionId, PathFacts target) {
        Path real = Path.of(target.realPath());
        for (Path root : roots) {
            if (real.startsWith(root)) {
                String via = target.symlink() ? " (" + target.path() + " resolves to " + real + ")" : "";
                return Optional.of(new RuleOutput.Match(actionId, Verdict.DENY, RULE,
                        "plans may never modify the policy, the daemon's configuration, its state or the audit log",
                        "modifies protected path " + root + via, null));
            }
        }
        return Optional.empty();
    }
}
