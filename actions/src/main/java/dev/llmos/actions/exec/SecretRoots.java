package dev.llmos.actions.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * the directories a program is pointed at: its working directory and every argument that names an
 * existing directory (grep -r KEY /srv/app, tar c ., rg with no path). secret patterns that hold at
 * any depth (.env, *.key) are masked beneath these. the root directory is left out: walking the
 * whole machine on every exec costs more than the bound allows (recursive reads of / are policy's).
 */
final class SecretRoots {

    private static final int MAX_ROOTS = 8;

    private SecretRoots() {
    }

    static List<Path> of(List<String> argv, String cwd) {
        Set<Path> roots = new LinkedHashSet<>();
        add(roots, cwd, null);
        for (String a : argv.subList(Math.min(1, argv.size()), argv.size())) {
            if (roots.size() >= MAX_ROOTS) {
                break;
            }
            add(roots, a.startsWith("--") && a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1) : a, cwd);
        }
        return new ArrayList<>(roots);
    }

    private static void add(Set<Path> roots, String word, String cwd) {
        if (word == null || word.isEmpty() || word.indexOf('\0') >= 0 || word.startsWith("-")) {
            return;
        }
        try {
            Path p = word.startsWith("/") || cwd == null ? Path.of(word) : Path.of(cwd).resolve(word);
            if (!p.isAbsolute() || !Files.isDirectory(p)) {
                return;
            }
            Path real = p.toRealPath();
            if (real.getNameCount() > 0) {
                roots.add(real);
            }
        } catch (IOException | RuntimeException e) {
            // a word that is no path is no root
        }
    }
}
