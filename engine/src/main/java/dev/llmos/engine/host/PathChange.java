package dev.llmos.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * says in words what changed on a path since a decision saw it: the first directory on the way
 * that is now a symlink, is gone, or is no longer a directory.
 */
public final class PathChange {

    private PathChange() {
    }

    /**
     * walks the directories leading to {@code realPath} (which held no symlink when decided) and
     * names the first one that changed, or returns null when all are still plain directories.
     */
    public static String onTheWay(String realPath) {
        return onTheWay(realPath, true);
    }

    /**
     * @param existed whether every directory on the way existed when decided (its parent did);
     *                when not, a directory is only said to be something else now
     */
    public static String onTheWay(String realPath, boolean existed) {
        Path target = Path.of(realPath);
        Path dir = target.getRoot();
        for (int i = 0; dir != null && i < target.getNameCount() - 1; i++) {
            dir = dir.resolve(target.getName(i));
            String change = existed ? describe(dir, "a directory") : isNow(dir);
            if (change != null) {
                return change;
            }
        }
        return null;
    }

    private static String isNow(Path dir) {
        String now = kind(dir);
        return now.equals("a directory") || now.equals("missing") ? null : dir + " is now " + now;
    }

    /**
     * what {@code path} is now, for one that was {@code then} ("a directory", "a regular file",
     * "missing") when decided; null when it is still that kind of thing.
     */
    public static String describe(Path path, String then) {
        String now = kind(path);
        if (now.equals(then)) {
            return null;
        }
        return path + " was " + then + " at decision time, now " + now;
    }

    /**
     * the first component of {@code path} (or the path itself) that is a symlink, in words ("/a/b
     * is a symlink to /c"), or null when none is: checks that must see exactly the named object
     * follow nothing.
     */
    public static String firstSymlink(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path at = absolute.getRoot();
        for (int i = 0; at != null && i < absolute.getNameCount(); i++) {
            at = at.resolve(absolute.getName(i));
            if (Files.isSymbolicLink(at)) {
                return at + " is " + kind(at);
            }
        }
        return null;
    }

    /** "a directory", "a regular file", "a symlink to X", "missing", ... for one path, not followed. */
    public static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            try {
                return "a symlink to " + Files.readSymbolicLink(path);
            } catch (IOException e) {
                return "a symlink";
            }
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a regular file";
        }
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "a special file" : "missing";
    }
}
