package dev.llmos.bench;

import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import dev.llmos.rules.DroolsPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** what every benchmark shares: the shipped policy's directory, the plans, a pipeline that only decides. */
public final class Fixtures {

    /** scripts/bench sets it; forks inherit it, and the working directory, from the host jvm. */
    public static final String POLICY_PROPERTY = "llmos.bench.policy";

    private Fixtures() {
    }

    public static Path policyDir() {
        Path dir = Path.of(System.getProperty(POLICY_PROPERTY, "policies")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no policy directory at " + dir + "; run from the repository root or set -D"
                    + POLICY_PROPERTY);
        }
        return dir;
    }

    /** a plan from src/main/resources/plans, as text. */
    public static String plan(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/plans/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no plan resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** as the cli wires it, but with state in {@code tmp}; decide() writes nothing there. */
    public static Pipeline pipeline(dev.llmos.engine.policy.PolicyEngine policy, Path tmp) {
        return new Pipeline(ActionRegistry.discover(), policy, new AuditLog(tmp.resolve("audit.jsonl")),
                HostProbe.system().host(),
                new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(policyDir()), tmp));
    }

    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
