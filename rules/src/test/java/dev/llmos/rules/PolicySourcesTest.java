package dev.llmos.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PolicySourcesTest {

    @TempDir
    Path a;

    @TempDir
    Path b;

    @Test
    void theDigestDependsOnlyOnRelativePathsAndContents() {
        Policies.write(a, "exec.drl", "package x;");
        Policies.write(a, "net/files.drl", "package y;");
        Policies.write(b, "net/files.drl", "package y;");
        Policies.write(b, "exec.drl", "package x;");
        Policies.write(b, "tests/exec_test.drl", "ignored");
        assertEquals(PolicySources.read(a).digest(), PolicySources.read(b).digest());
    }

    @Test
    void theDigestChangesWhenAFileChanges() {
        Policies.write(a, "exec.drl", "package x;");
        String before = PolicySources.read(a).digest();
        Policies.write(a, "exec.drl", "package x; ");
        assertNotEquals(before, PolicySources.read(a).digest());
    }

    @Test
    void theDigestChangesWhenAFileIsRenamed() throws Exception {
        Policies.write(a, "exec.drl", "package x;");
        String before = PolicySources.read(a).digest();
        Files.move(a.resolve("exec.drl"), a.resolve("other.drl"));
        assertNotEquals(before, PolicySources.read(a).digest());
    }

    @Test
    void filesAreReadInPathOrder() {
        Policies.write(a, "z.drl", "");
        Policies.write(a, "a/b.drl", "");
        Policies.write(a, "m.drl", "");
        assertEquals(List.of("a/b.drl", "m.drl", "z.drl"),
                PolicySources.read(a).files().stream().map(PolicySources.PolicyFile::path).toList());
    }
}
