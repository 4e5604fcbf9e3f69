package dev.llmos.actions.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.host.Requester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * the environment a child gets: a short allowlist from ours, a fixed PATH, and the plan's own
 * variables minus loader and interpreter hooks. the plan schema refuses those hooks already; they
 * are filtered here again so a recovery action or a direct caller cannot slip one through.
 */
final class ExecEnvironment {

    static final String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final List<String> INHERITED = List.of("HOME", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TZ", "USER", "LOGNAME");

    private static final Logger LOG = LoggerFactory.getLogger(ExecEnvironment.class);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private final Pattern denied;
    private final Path passwd;

    /** the denied names are read from the schema, so the plan check and this filter cannot drift apart. */
    ExecEnvironment(JsonNode schema, Path passwd) {
        this.denied = deniedNames(schema);
        this.passwd = passwd;
    }

    private static Pattern deniedNames(JsonNode schema) {
        String regex = schema.at("/properties/env/propertyNames/not/pattern").asText(null);
        if (regex == null) {
            throw new IllegalStateException("exec schema has no env denylist at /properties/env/propertyNames/not/pattern");
        }
        return Pattern.compile(regex);
    }

    /** the shipped denylist, for the facts: {@code env LD_PRELOAD=... prog} sets what the env field may not. */
    static final class Hooks {
        private static final Pattern DENIED = deniedNames(ExecHandler.SCHEMA);

        private Hooks() {
        }

        static boolean denied(String name) {
            return DENIED.matcher(name).matches();
        }
    }

    boolean allowed(String name) {
        return name != null && NAME.matcher(name).matches() && !denied.matcher(name).matches();
    }

    /** the plan's variables that may reach a child, sorted by name. */
    Map<String, String> fromPlan(Map<String, String> plan) {
        Map<String, String> out = new TreeMap<>();
        plan.forEach((name, value) -> {
            if (!allowed(name)) {
                LOG.warn("dropping environment variable {} from an exec action: it is on the denylist", name);
            } else if (value == null || value.indexOf('\0') >= 0) {
                LOG.warn("dropping environment variable {} from an exec action: its value is null or has a NUL byte", name);
            } else {
                out.put(name, value);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * the complete child environment.
     *
     * @param runAs the requester whose identity the child takes, or null when it keeps ours
     */
    Map<String, String> forChild(Map<String, String> parent, Map<String, String> plan, Requester runAs) {
        Map<String, String> env = new TreeMap<>();
        for (String name : INHERITED) {
            String value = parent.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        if (runAs != null) {
            // root's HOME and USER would mislead a child running as somebody else
            env.remove("HOME");
            env.put("USER", runAs.user());
            env.put("LOGNAME", runAs.user());
            String home = homeOf(runAs.uid());
            if (home != null) {
                env.put("HOME", home);
            }
        }
        env.put("PATH", SAFE_PATH);
        env.putAll(fromPlan(plan));
        return env;
    }

    private String homeOf(int uid) {
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[2].equals(Integer.toString(uid)) && !f[5].isEmpty()) {
                    return f[5];
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", passwd, e.toString());
        }
        return null;
    }
}
