package dev.llmos.actions.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * what an expansion of secret patterns looked at (decision 0026): each directory it listed or looked
 * a name up in, and the passwd file, with their identity and times. adding, removing or renaming an
 * entry changes its directory's mtime and ctime, and a link moved elsewhere changes what the path
 * leads to, so while every witness is unchanged the expansion would find the same names. a witness
 * changed within {@link #RACY} of being read (by default) is not trusted (a second change in the same clock tick
 * would leave its times equal), and a pseudo file system's times mean nothing, so such an expansion
 * is not kept.
 */
final class Witnesses {

    /** how recent a change may be before its times cannot tell it from the next one. */
    static final Duration RACY = Duration.ofSeconds(2);

    /** file systems whose directory times do not follow their entries; tmpfs and devtmpfs do. */
    private static final List<String> PSEUDO = List.of("/proc", "/sys");

    private final Map<Path, State> seen = new LinkedHashMap<>();
    private final Duration racy;
    private boolean keepable = true;

    Witnesses(Duration racy) {
        this.racy = racy;
    }

    /** what a path led to when read: gone, or the file it reached (links followed) and its times. */
    record State(boolean exists, Object key, long mtimeNanos, long ctimeNanos) {
    }

    /** notes a path whose entries (or absence) the expansion depended on. */
    void saw(Path p) {
        if (seen.containsKey(p)) {
            return;
        }
        for (String pseudo : PSEUDO) {
            if (p.startsWith(pseudo)) {
                keepable = false;
            }
        }
        State s = state(p);
        if (!s.exists() && p.getParent() != null && seen.containsKey(p.getParent())) {
            // a name that is not there appears only as an entry of its parent, whose times are
            // witnessed already: one stat less on every later check, and no failing one
            return;
        }
        seen.put(p, s);
        Instant recent = Instant.now().minus(racy);
        if (s.exists() && (s.mtimeNanos() > nanos(recent) || s.ctimeNanos() > nanos(recent))) {
            keepable = false;
        }
    }

    /** whether the expansion may be kept and reused while {@link #unchanged()} holds. */
    boolean keepable() {
        return keepable;
    }

    /** true when every witness still reads the same; {@code current} reads a path now (memoised per run by the caller). */
    boolean unchanged(java.util.function.Function<Path, State> current) {
        for (Map.Entry<Path, State> e : seen.entrySet()) {
            if (!current.apply(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * adds these witnesses to {@code all}; false when a path is there already with another state
     * (it changed between two walks of one run), so the union cannot stand for both.
     */
    boolean into(Map<Path, State> all) {
        for (Map.Entry<Path, State> e : seen.entrySet()) {
            State before = all.putIfAbsent(e.getKey(), e.getValue());
            if (before != null && !before.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return seen.size();
    }

    static State state(Path p) {
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,lastModifiedTime,ctime");
            return new State(true, List.of(a.get("dev"), a.get("ino")), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return new State(false, Objects.toString(e.getClass().getSimpleName()), 0, 0);
        }
    }

    private static long nanos(FileTime t) {
        return nanos(t.toInstant());
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
