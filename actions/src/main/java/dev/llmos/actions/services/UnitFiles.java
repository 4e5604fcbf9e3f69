package dev.llmos.actions.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** unit names and where systemd looks for system units' files. */
final class UnitFiles {

    /** a unit name: never an option (no leading dash), a path or a glob. */
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9:_.@\\\\-]{0,250}$");

    static final Set<String> SUFFIXES = Set.of("service", "socket", "timer", "target", "path", "mount", "automount",
            "swap", "slice", "scope", "device");

    /** systemd's system unit search path (systemd.unit(5)), highest priority first, relative to the root. */
    static final List<String> SEARCH_PATH = List.of("etc/systemd/system.control", "run/systemd/system.control",
            "run/systemd/transient", "run/systemd/generator.early", "etc/systemd/system", "etc/systemd/system.attached",
            "run/systemd/system", "run/systemd/system.attached", "run/systemd/generator", "usr/local/lib/systemd/system",
            "usr/lib/systemd/system", "lib/systemd/system", "run/systemd/generator.late");

    private UnitFiles() {
    }

    /** the unit's full name: systemctl's own default of .service when the name has no unit suffix. */
    static String normalize(String unit) {
        if (unit == null) {
            return null;
        }
        int dot = unit.lastIndexOf('.');
        return dot > 0 && SUFFIXES.contains(unit.substring(dot + 1)) ? unit : unit + ".service";
    }

    static String suffix(String normalized) {
        return normalized == null ? null : normalized.substring(normalized.lastIndexOf('.') + 1);
    }

    /** the unit's file (or its template's, for an instance such as getty@tty1.service) under {@code root}, or null. */
    static Path find(Path root, String normalized) {
        if (normalized == null || !NAME.matcher(normalized).matches()) {
            return null;
        }
        String template = null;
        int at = normalized.indexOf('@');
        if (at > 0) {
            template = normalized.substring(0, at + 1) + normalized.substring(normalized.lastIndexOf('.'));
        }
        for (String dir : SEARCH_PATH) {
            Path d = root.resolve(dir);
            if (Files.exists(d.resolve(normalized))) {
                return d.resolve(normalized);
            }
            if (template != null && Files.exists(d.resolve(template))) {
                return d.resolve(template);
            }
        }
        return null;
    }
}
