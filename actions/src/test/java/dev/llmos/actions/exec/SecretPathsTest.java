package dev.llmos.actions.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the kept expansion of secret patterns: reused while nothing it looked at changed, redone when something did. */
class SecretPathsTest {

    @TempDir
    Path tmp;
    Path home;
    Path passwd;
    List<String> patterns;

    @BeforeEach
    void aHomeWithOneKey() throws Exception {
        home = Files.createDirectories(tmp.resolve("home/alice"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), "key");
        passwd = Files.writeString(tmp.resolve("passwd"), "alice:x:1000:1000::" + home + ":/bin/sh\n");
        patterns = List.of("~/.ssh/id_*", tmp.resolve("etc/secret").toString());
    }

    /** the times of every directory here, set an hour back: as if nothing had changed for a while. */
    private void settle() throws Exception {
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (var walk = Files.walk(tmp)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
    }

    private SecretPaths kept() {
        return new SecretPaths(passwd, Duration.ZERO);
    }

    @Test
    void anUnchangedTreeIsNotWalkedAgain() throws Exception {
        settle();
        SecretPaths s = kept();
        SecretPaths.Expanded first = s.expand(patterns, List.of());
        assertEquals(List.of(home.resolve(".ssh/id_rsa").toRealPath()), first.paths());
        long walks = s.walked();
        assertEquals(first.paths(), s.expand(patterns, List.of()).paths());
        assertEquals(walks, s.walked(), "nothing walked again");
    }

    @Test
    void aSecretCreatedAfterTheFirstRunIsMaskedInTheNext() throws Exception {
        settle();
        SecretPaths s = kept();
        s.expand(patterns, List.of());
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(tmp.resolve("etc/secret"), "s");
        assertEquals(List.of(tmp.resolve("etc/secret").toRealPath(), home.resolve(".ssh/id_ed25519").toRealPath(),
                home.resolve(".ssh/id_rsa").toRealPath()), s.expand(patterns, List.of()).paths());
    }

    @Test
    void aSecretRemovedIsNoLongerMasked() throws Exception {
        settle();
        SecretPaths s = kept();
        s.expand(patterns, List.of());
        Files.delete(home.resolve(".ssh/id_rsa"));
        assertEquals(List.of(), s.expand(patterns, List.of()).paths(), "bwrap cannot mask a file that is gone");
    }

    @Test
    void aDirectoryLinkedElsewhereIsFollowedToItsNewTarget() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("keys"));
        Files.writeString(elsewhere.resolve("id_other"), "key");
        Path ssh = home.resolve(".ssh");
        Files.delete(ssh.resolve("id_rsa"));
        Files.delete(ssh);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.createSymbolicLink(ssh, empty);
        settle();
        SecretPaths s = kept();
        assertEquals(List.of(), s.expand(patterns, List.of()).paths());
        // retargeted in place by a rename over it, as ln -sfn does
        Path link = home.resolve(".ssh.new");
        Files.createSymbolicLink(link, elsewhere);
        Files.move(link, ssh, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertEquals(List.of(elsewhere.resolve("id_other").toRealPath()), s.expand(patterns, List.of()).paths());
    }

    @Test
    void aUserAddedToPasswdHasTheirHomeMasked() throws Exception {
        Path bob = Files.createDirectories(tmp.resolve("home/bob/.ssh"));
        Files.writeString(bob.resolve("id_rsa"), "key");
        settle();
        SecretPaths s = kept();
        assertEquals(1, s.expand(patterns, List.of()).paths().size());
        Files.writeString(passwd, "bob:x:1001:1001::" + bob.getParent() + ":/bin/sh\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(2, s.expand(patterns, List.of()).paths().size());
    }

    /** a name that is not there is witnessed by its parent alone: creating it, deeper down too, is seen. */
    @Test
    void aSecretCreatedUnderADirectoryThatDidNotExistIsMaskedInTheNextRun() throws Exception {
        List<String> deep = List.of("~/.config/gh/hosts.yml");
        settle();
        SecretPaths s = kept();
        assertEquals(List.of(), s.expand(deep, List.of()).paths());
        Path hosts = Files.createDirectories(home.resolve(".config/gh")).resolve("hosts.yml");
        Files.writeString(hosts, "token");
        assertEquals(List.of(hosts.toRealPath()), s.expand(deep, List.of()).paths());
    }

    /** a grant is applied to the kept expansion, not baked into it: the next run without it masks again. */
    @Test
    void aGrantInOneRunDoesNotUnmaskTheNext() throws Exception {
        settle();
        SecretPaths s = kept();
        Path key = home.resolve(".ssh/id_rsa").toRealPath();
        assertEquals(List.of(), s.expand(patterns, List.of("~/.ssh/id_*")).paths());
        assertEquals(List.of(key), s.expand(patterns, List.of()).paths());
        assertEquals(List.of(), s.expand(patterns, List.of(key.toString())).paths());
    }

    @Test
    void aTreeChangedMomentsAgoIsWalkedEveryTime() {
        // just created: a second change within the same clock tick would leave the times equal
        SecretPaths s = new SecretPaths(passwd);
        s.expand(patterns, List.of());
        long walks = s.walked();
        s.expand(patterns, List.of());
        // the two walks through this new tree again; /root's own (every passwd has it) may be kept
        assertTrue(s.walked() >= walks + 2, walks + " walks, then " + s.walked());
    }
}
