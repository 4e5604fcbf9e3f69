package dev.llmos.rules.catalog;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** the shipped catalogues (policies/catalog), and what a bad catalogue looks like to an admin. */
class PolicyCatalogTest {

    private static final PolicyCatalog SHIPPED = CatalogLoader.load(CatalogLoader.files(Path.of("../policies")));

    @ParameterizedTest(name = "{0} secret: {1}")
    @CsvSource({
            "/etc/shadow, true", "/etc/passwd, false", "/root/.ssh/id_rsa, true", "/root/.ssh/id_rsa.pub, false",
            "/home/bob/.ssh/id_ed25519, true", "/home/bob/.ssh/authorized_keys, false", "/home/bob/.aws/credentials, true",
            "/root/.kube/config, true", "/proc/4242/environ, true", "/proc/kcore, true", "/dev/sda, true", "/dev/null, false",
            "/srv/app/.env, true", "/srv/app/.env.example, false", "/etc/letsencrypt/archive/x.org/privkey1.pem, true",
            "/etc/wireguard/wg0.conf, true", "/etc/NetworkManager/system-connections/home.nmconnection, true",
            "/home/bob/.mozilla/firefox/abc.default/logins.json, true", "/etc/security/opasswd, true",
            "/home/bob/.docker/config.json, true", "/home/bob/.git-credentials, true", "/root/.netrc, true",
            "/home/bob/.config/gh/hosts.yml, true", "/home/bob/.npmrc, true", "/home/bob/.pypirc, true",
            "/root/.gnupg/private-keys-v1.d/A.key, true", "/var/log/syslog, false", "/etc/hostname, false"})
    void knowsTheSecretsOfTheIssueCategories(String path, boolean secret) {
        assertEquals(secret, SHIPPED.secret(path));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"/, true", "/root, true", "/home, true", "/etc, true", "/var/log, false", "/usr/share, false", "/tmp, false"})
    void knowsWhichDirectoriesHaveSecretsBeneath(String dir, boolean beneath) {
        assertEquals(beneath, SHIPPED.secretsBeneath(dir));
    }

    @Test
    void aDirectoryOfKeysIsASecretDirectoryButItsParentAndItsPublicFilesAreNot() {
        assertEquals(List.of(true, true, false, false), List.of(SHIPPED.secretDir("/root/.ssh"), SHIPPED.secretDir("/etc/ssl/private"),
                SHIPPED.secretDir("/root"), SHIPPED.secretDir("/root/.ssh/known_hosts")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "/home/bob/.bashrc, true", "/root/.profile, true", "/home/bob/.config/systemd/user/x.service, true",
            "/etc/ld.so.preload, true", "/root/.ssh/authorized_keys, true", "/etc/cron.d/job, true", "/home/bob/.gitconfig, true",
            "/srv/repo/.git/hooks/pre-commit, true", "/home/bob/.config/llm-os/config.yaml, true",
            "/usr/lib/python3.11/sitecustomize.py, true", "/etc/profile.d/x.sh, true", "/tmp/notes, false", "/home/bob/notes, false"})
    void knowsPersistencePaths(String path, boolean persistence) {
        assertEquals(persistence, SHIPPED.persistence(path));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "journalctl|-u nginx --since today|true", "journalctl|--vacuum-size=1G|false", "journalctl|--rotate|false",
            "git|status|true", "git|-C /srv/app log -5|true", "git|push|false", "git|-c core.pager=sh log|false",
            "sed|-n 1,5p /etc/hosts|true", "sed|-i s/a/b/ /etc/hosts|false", "sed|-ni p /etc/hosts|false",
            "dpkg|-l|true", "dpkg|-L bash|true", "dpkg|-i x.deb|false", "apt|list --installed|true", "apt|install vim|false",
            "ip|-br addr|true", "ip|addr show dev eth0|true", "ip|link set eth0 down|false", "ip|route get 1.1.1.1|true",
            "ss|-tlnp|true", "ss|-K dst 10.0.0.1|false", "ss|-tK|false", "systemctl|status nginx|true",
            "systemctl|restart nginx|false", "timedatectl|status|true", "timedatectl|set-time 00:00|false",
            "date|+%s|true", "date|-s@0|false", "date|010100002000|false", "hostname|-f|true", "hostname|-F /tmp/name|false",
            "hostname|newname|false", "sysctl|-a|true", "sysctl|vm.swappiness=10|false", "sysctl|-w vm.swappiness=10|false",
            "dmesg|-T|true", "dmesg|-c|false", "dmesg|-Tc|false", "env||true", "env|rm -rf /|false",
            "find|/var/log -name *.gz|true", "find|/tmp -delete|false"})
    void knowsReadOnlyForms(String program, String args, boolean readOnly) {
        List<String> argv = args == null ? List.of() : Arrays.asList(args.split(" "));
        assertEquals(readOnly, SHIPPED.query(program, argv), () -> String.valueOf(SHIPPED.queryProblem(program, argv)));
    }

    @Test
    void knowsProgramClassesByNameAndGlob() {
        assertEquals(List.of(true, true, true, false), List.of(SHIPPED.is("mkfs.ext4", "disk-destroyer"),
                SHIPPED.is("python3.11", "interpreter"), SHIPPED.is("ld-linux-x86-64.so.2", "loader"), SHIPPED.is("ls", "wrapper")));
    }

    @Test
    void handsTheExecutorNoMasksInsideTheSandboxsOwnProcAndDev() {
        assertEquals(List.of(), SHIPPED.secretPaths().stream().filter(p -> p.startsWith("/proc/") || p.startsWith("/dev/")).toList());
        assertEquals(true, SHIPPED.secretPaths().contains("~/.aws"));
    }

    @Test
    void masksServiceSocketsAndGrantsEachGroupOnlyToItsClients() {
        assertEquals(List.of(true, true, true, List.of(), true),
                List.of(SHIPPED.socketPaths().contains("/run/systemd/private"), SHIPPED.socketPaths().contains("/run/docker.sock"),
                        SHIPPED.socketsFor("docker").contains("/run/docker.sock"), SHIPPED.socketsFor("python3"),
                        !SHIPPED.socketsFor("systemctl").contains("/run/docker.sock")));
    }

    @Test
    void aBadSocketGroupIsAPolicyErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(dir.resolve("catalog/sockets.yaml"), """
                sockets:
                  engine:
                    paths: [/run/engine.sock, /proc/1/root/run/x.sock]
                    clients: [engine, /usr/bin/engine]
                """);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> CatalogLoader.load(CatalogLoader.files(dir)));
        assertEquals(List.of(
                "catalog/sockets.yaml:3: socket '/proc/1/root/run/x.sock' in group 'engine' lies under /proc or /dev, which confined programs see fresh",
                "catalog/sockets.yaml:4: client '/usr/bin/engine' of sockets group 'engine' must be a name or a name glob, without / or spaces"),
                e.problems().stream().map(PolicyProblem::toString).toList());
    }

    @Test
    void aRequiredOptionThatIsNoOptionIsAPolicyErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(dir.resolve("catalog/queries.yaml"), """
                queries:
                  passwd:
                    require-options: [S]
                """);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> CatalogLoader.load(CatalogLoader.files(dir)));
        assertEquals(List.of("catalog/queries.yaml:3: require-options of 'passwd' must list options (-x, --name)"), e.problems().stream().map(PolicyProblem::toString).toList());
    }

    @Test
    void answersAsBeforeOnceItsRememberedAnswersOverflow() {
        // a fresh catalogue, so what other tests asked is not in its memory
        PolicyCatalog catalog = CatalogLoader.load(CatalogLoader.files(Path.of("../policies")));
        List<Object> first = List.of(catalog.is("mkfs.ext4", "disk-destroyer"), catalog.secret("/root/.ssh/id_rsa"),
                catalog.secretDir("/root/.ssh"), catalog.classesOf("no-such-program"));
        for (int i = 0; i < 10_000; i++) {
            catalog.classesOf("p" + i);
            catalog.secret("/tmp/f" + i);
            catalog.secretDir("/tmp/d" + i);
        }
        assertEquals(List.of(true, true, true, List.of()), first);
        assertEquals(first, List.of(catalog.is("mkfs.ext4", "disk-destroyer"), catalog.secret("/root/.ssh/id_rsa"),
                catalog.secretDir("/root/.ssh"), catalog.classesOf("no-such-program")));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "/etc/a.b, /etc/a.b, true", "/etc/a.b, /etc/axb, false", "/etc/a.b, /etc/a.b/c, true",
            "~/.ssh/id_*, /home/bob/.ssh/id_rsa, true", "~/.ssh/id_*, /home/bob/.ssh/x/id_rsa, false",
            "**/.env, /srv/app/.env, true", "**/.env, /srv/app/.env2, false", "/a/b?c, /a/b.c, true", "/a/b?c, /a/b/c, false",
            "/a/(x)+, /a/(x)+, true", "/a/(x)+, /a/xx, false"})
    void pathPatternsMatchLiterallyOutsideTheirWildcards(String pattern, String path, boolean covers) {
        assertEquals(covers, PathPattern.of(pattern).covers(path));
    }

    @Test
    void refusesAnUnknownClassRatherThanMissing() {
        assertThrows(IllegalArgumentException.class, () -> SHIPPED.is("ls", "readers"));
    }

    @Test
    void aBadCatalogueIsAPolicyErrorWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(dir.resolve("catalog/secrets.yaml"), """
                secrets:
                  keys:
                    paths: [/etc/ok, relative/path]
                  empty:
                    description: nothing
                """);
        Files.writeString(dir.resolve("catalog/programs.yaml"), """
                classes:
                  reader:
                    programs: [cat]
                    colour: red
                """);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> CatalogLoader.load(CatalogLoader.files(dir)));
        assertEquals(List.of(
                "catalog/programs.yaml:4: unknown key 'colour' (known: description, programs)",
                "catalog/secrets.yaml:3: path pattern 'relative/path' must start with /, ~/ or **/",
                "catalog/secrets.yaml:4: secrets group 'empty' lists no paths"),
                e.problems().stream().map(PolicyProblem::toString).toList());
    }
}
