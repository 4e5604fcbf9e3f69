package dev.llmos.cli.app;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/**
 * options every subcommand takes, before or after its name. each falls back to an environment
 * variable, then the config file, then a default; {@link Settings} does the resolving.
 */
public final class GlobalOptions {

    @Option(names = "--policy", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "policy directory (*.drl); default: $LLMOS_POLICY_DIR, config policy_dir, <install>/policies")
    Path policy;

    @Option(names = "--state", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "state directory (backups); default: $LLMOS_STATE_DIR, config state_dir, "
                    + "/var/lib/llm-os as root, else $XDG_STATE_HOME/llm-os")
    Path state;

    @Option(names = "--audit", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "audit log; default: $LLMOS_AUDIT_LOG, config audit_log, STATE/audit.jsonl")
    Path audit;

    @Option(names = "--cache", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "compiled policy cache; default: $LLMOS_CACHE_DIR, config cache_dir, "
                    + "/var/cache/llm-os as root, else $XDG_CACHE_HOME/llm-os")
    Path cache;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "config file (json: policy_dir, state_dir, audit_log, cache_dir, socket, daemon limits); "
                    + "default: $LLMOS_CONFIG, /etc/llm-os/config.json if present")
    Path config;

    @Option(names = "--socket", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "llm-osd's socket; default: $LLMOS_SOCKET, config socket, /run/llm-osd/llm-osd.sock")
    Path socket;

    @Option(names = "--embedded", scope = ScopeType.INHERIT,
            description = "run in this process with your own privileges even when llm-osd is reachable")
    boolean embedded;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "log more to stderr (-v info, -vv debug)")
    boolean[] verbose = new boolean[0];

    public Path socket() {
        return socket;
    }

    public boolean embedded() {
        return embedded;
    }

    public int verbosity() {
        return verbose.length;
    }

    /** the flags as given; null where not given. */
    public Settings.Flags flags() {
        return new Settings.Flags(policy, state, audit, cache, config);
    }
}
