package dev.llmos.engine.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/** the path must exist when the action starts. */
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
        boolean ok = Files.exists(Path.of(path));
        return new Check(ok, ok ? path + " exists" : path + " does not exist");
    }
}
