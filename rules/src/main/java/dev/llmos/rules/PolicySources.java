package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * the .drl files of a policy directory, read once: sorted by relative path, so the digest and the
 * build never depend on directory listing order. {@code tests/} folders (policy test suites) and
 * dot files (editor locks such as {@code .#exec.drl}) are not policy.
 *
 * @param digest sha-256 over each file's relative path and content
 */
record PolicySources(Path dir, List<PolicyFile> files, String digest) {

    /** one admin file. {@code path} is relative to the policy directory, with '/' separators. */
    record PolicyFile(String path, String text) {
    }

    static PolicySources read(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw problem(dir.toString(), Files.exists(root) ? "not a directory: " + dir : "no policy directory " + dir);
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(root)) {
            found = walk.filter(p -> !skipped(root, p))
                    .filter(p -> p.getFileName().toString().endsWith(".drl") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> relative(root, p)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw problem(dir.toString(), "cannot list " + dir + ": " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw problem(dir.toString(), "no .drl files in " + dir);
        }
        List<PolicyFile> files = new ArrayList<>();
        StringBuilder digestInput = new StringBuilder();
        for (Path p : found) {
            String rel = relative(root, p);
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                throw problem(rel, "cannot read: " + e.getMessage());
            }
            files.add(new PolicyFile(rel, text));
            // lengths make the concatenation unambiguous: no two policies give the same input
            digestInput.append(rel.length()).append(':').append(rel).append('\n')
                    .append(text.length()).append(':').append(text).append('\n');
        }
        return new PolicySources(root, List.copyOf(files), Sha256.hex(digestInput.toString()));
    }

    private static boolean skipped(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            String name = part.toString();
            if (name.startsWith(".")) {
                return true;
            }
        }
        Path parent = root.relativize(p).getParent();
        if (parent != null) {
            for (Path part : parent) {
                if (part.toString().equals("tests")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static PolicyLoadException problem(String file, String message) {
        return new PolicyLoadException(List.of(new PolicyProblem(file, 0, 0, message, true)));
    }
}
