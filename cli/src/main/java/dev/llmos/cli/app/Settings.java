package dev.llmos.cli.app;

import dev.llmos.engine.config.Precedence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * where llm-os keeps things, resolved once per command: flags, then environment, then the config
 * file, then defaults (system-wide as root, per user otherwise).
 *
 * @param policyDir empty when nothing named one and there is no installation to default to
 * @param config the config file as read (once: the daemon's socket and limits come from the same reading)
 */
public record Settings(Optional<Path> policyDir, Path stateDir, Path auditLog, Path cacheDir, ConfigFile config) {

    /** what the flags said; null where nothing was given. */
    public record Flags(Path policy, Path state, Path audit, Path cache, Path config) {
        public static final Flags NONE = new Flags(null, null, null, null, null);
    }

    public static final String ENV_POLICY = "LLMOS_POLICY_DIR";
    public static final String ENV_STATE = "LLMOS_STATE_DIR";
    public static final String ENV_AUDIT = "LLMOS_AUDIT_LOG";
    public static final String ENV_CACHE = "LLMOS_CACHE_DIR";
    public static final String ENV_CONFIG = "LLMOS_CONFIG";

    public static Settings resolve(Flags flags, Env env) {
        return resolve(flags, env, configFile(flags, env).map(ConfigFile::read).orElse(ConfigFile.NONE));
    }

    /** the settings from a config file already read. */
    public static Settings resolve(Flags flags, Env env, ConfigFile config) {
        Function<Path, Path> absolute = p -> env.cwd().resolve(p).normalize();

        Optional<Path> policy = first(flags.policy(), env, ENV_POLICY, config.policyDir())
                .or(() -> env.llmosHome().map(h -> h.resolve("policies")));
        Path state = first(flags.state(), env, ENV_STATE, config.stateDir()).orElseGet(() -> defaultState(env));
        Path audit = first(flags.audit(), env, ENV_AUDIT, config.auditLog()).orElseGet(() -> state.resolve("audit.jsonl"));
        Path cache = first(flags.cache(), env, ENV_CACHE, config.cacheDir()).orElseGet(() -> defaultCache(env));
        return new Settings(policy.map(absolute), absolute.apply(state), absolute.apply(audit), absolute.apply(cache), config);
    }

    /** the same settings with another policy directory ({@code policy check DIR}). */
    public Settings withPolicy(Path dir) {
        return new Settings(Optional.of(dir), stateDir, auditLog, cacheDir, config);
    }

    /** the config file that was read, if any. */
    public Optional<Path> configFile() {
        return config.file();
    }

    /** the policy directory, or a bad-input error saying how to name one. */
    public Path policy() {
        return policyDir.orElseThrow(() -> new BadInputException("no policy directory: pass --policy DIR, set "
                + ENV_POLICY + " or policy_dir in the config file"));
    }

    /**
     * what no plan may modify, whatever the policy says: the policy, the configuration (the file in
     * use and the system one), the state (backups), the audit log and the compiled policy cache,
     * which is trusted as the policy is.
     */
    public List<Path> protectedRoots() {
        List<Path> roots = new ArrayList<>();
        policyDir.ifPresent(roots::add);
        configFile().map(f -> f.toAbsolutePath().getParent()).ifPresent(roots::add);
        roots.add(Env.SYSTEM_CONFIG.getParent());
        roots.add(stateDir);
        roots.add(auditLog);
        roots.add(cacheDir);
        return roots.stream().distinct().toList();
    }

    /** the config file to read: --config, else $LLMOS_CONFIG, else the default one if it exists. */
    public static Optional<Path> configFile(Flags flags, Env env) {
        if (flags.config() != null) {
            return Optional.of(env.cwd().resolve(flags.config()).normalize());
        }
        Optional<String> named = env.var(ENV_CONFIG);
        if (named.isPresent()) {
            return Optional.of(env.cwd().resolve(named.get()).normalize());
        }
        return Files.isRegularFile(env.defaultConfig()) ? Optional.of(env.defaultConfig()) : Optional.empty();
    }

    private static Optional<Path> first(Path flag, Env env, String var, Optional<Path> fromConfig) {
        return Precedence.value(flag, env.var(var).map(Path::of), fromConfig);
    }

    private static Path defaultState(Env env) {
        if (env.root()) {
            return Path.of("/var/lib/llm-os");
        }
        return xdg(env, "XDG_STATE_HOME").orElseGet(() -> env.home().resolve(".local/state")).resolve("llm-os");
    }

    private static Path defaultCache(Env env) {
        if (env.root()) {
            return Path.of("/var/cache/llm-os");
        }
        return xdg(env, "XDG_CACHE_HOME").orElseGet(() -> env.home().resolve(".cache")).resolve("llm-os");
    }

    /** the xdg spec says relative values are invalid and must be ignored. */
    private static Optional<Path> xdg(Env env, String var) {
        return env.var(var).map(Path::of).filter(Path::isAbsolute);
    }
}
