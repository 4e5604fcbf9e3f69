package dev.llmos.cli.policytest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * a case's own temporary directory, {@code ${sandbox}}, with the files, directories and symlinks its
 * setup asks for; removed afterwards without following symlinks. it lives under the system temp
 * directory (so, usually, in /tmp: rules see scratch space).
 */
final class Sandbox implements AutoCloseable {

    private final Path dir;

    private Sandbox(Path dir) {
        this.dir = dir;
    }

    static Sandbox create() {
        try {
            return new Sandbox(Files.createTempDirectory("llmos-policy-test-").toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a sandbox directory: " + e.getMessage(), e);
        }
    }

    /** makes what the case's setup lists, in order (its strings already have the sandbox path). */
    void setUp(List<JsonNode> setup) {
        for (JsonNode step : setup) {
            try {
                apply(step);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("setup " + step + " failed: " + e, e);
            }
        }
    }

    String path() {
        return dir.toString();
    }

    private void apply(JsonNode step) throws IOException {
        if (step.has("dir")) {
            Files.createDirectories(inside(step.get("dir").asText()));
        } else if (step.has("symlink")) {
            Path link = inside(step.get("symlink").asText());
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(step.get("target").asText()));
        } else {
            Path file = inside(step.get("file").asText());
            Files.createDirectories(file.getParent());
            Files.writeString(file, step.path("content").asText(""));
            Files.setPosixFilePermissions(file, mode(step.path("mode").asText("0644")));
        }
    }

    private Path inside(String relative) {
        Path p = dir.resolve(relative).normalize();
        if (!p.startsWith(dir)) {
            throw new IllegalArgumentException(relative + " leaves the sandbox");
        }
        return p;
    }

    private static Set<PosixFilePermission> mode(String octal) {
        int bits = Integer.parseInt(octal, 8);
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            s.append((bits & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    @Override
    public void close() {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove sandbox " + dir + ": " + e.getMessage(), e);
        }
    }
}
