package dev.llmos.cli.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** puts the pieces together for one command: settings, registry, policy, audit log, pipeline. */
public final class Wiring {

    private Wiring() {
    }

    /** resolves the settings and applies the verbosity; the first thing every command does. */
    public static Settings settings(RootCommand root) {
        logging(root);
        return Settings.resolve(root.globals().flags(), root.context().env());
    }

    public static ActionRegistry registry() {
        return ActionRegistry.discover();
    }

    /**
     * the embedded pipeline, running with the caller's own privileges. relative plan paths are
     * taken against / (an exec's cwd defaults to it), as the daemon takes them: never against
     * the shell's own directory, which the decision and the run could see differently.
     */
    public static Pipeline pipeline(Settings settings, Context context) {
        ActionRegistry registry = registry();
        PolicyEngine policy = context.policies().load(policyDir(settings), settings.cacheDir());
        createPrivate(settings.stateDir());
        return new Pipeline(registry, policy, new AuditLog(settings.auditLog()), HostProbe.system().host(),
                new Pipeline.Config(settings.stateDir(), Limits.DEFAULT, settings.protectedRoots(), Path.of("/")));
    }

    /** the policy directory, which must exist: a typo must not read as an empty policy. */
    public static Path policyDir(Settings settings) {
        Path dir = settings.policy();
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("policy directory " + dir + " does not exist or is not a directory");
        }
        return dir;
    }

    public static void createPrivate(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** whether a command in this process raised the levels (-v), so a later one must lower them again. */
    private static volatile boolean raised;

    /** warn by default so stdout stays clean for results; -v and -vv open it up. */
    public static void logging(RootCommand root) {
        int verbosity = root.globals().verbosity();
        // without -v, LogSetup's levels are these already: asking slf4j here would set logback up
        // (150 classes) in every command, logging or not (decision 0023). in one process (tests, the
        // shell) a command after a -v one still lowers them again.
        if (verbosity == 0 && !raised) {
            return;
        }
        raised = verbosity > 0;
        Level level = switch (verbosity) {
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            default -> Level.DEBUG;
        };
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger logger) {
            logger.setLevel(level);
        }
        // drools logs compile errors that llmsh reports itself, in the admin's terms; -v brings it back
        for (String name : new String[]{"org.drools", "org.kie"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(verbosity == 0 ? Level.OFF : level);
            }
        }
    }
}
