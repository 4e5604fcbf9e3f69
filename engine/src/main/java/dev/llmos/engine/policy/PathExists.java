package dev.llmos.engine.policy;

import dev.llmos.engine.host.PathChange;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * the path must exist when the action starts. the path is taken as named, following no symlink
 * (rules pass real paths): a link on the way fails the check rather than lead it elsewhere.
 */
public record PathExists(String path) implements Precondition {

    @Override
    public String kind() {
        return "path_exists";
    }

    @Override
    public String describe() {
        return "path_exists " + path;
    }

    @Override
    public Check check() {
        String link = PathChange.firstSymlink(Path.of(path));
        if (link != null) {
            return new Check(false, link + "; preconditions follow no symlinks");
        }
        boolean ok = Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
        return new Check(ok, ok ? path + " exists" : path + " does not exist");
    }
}
