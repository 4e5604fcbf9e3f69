package dev.llmos.cli.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    @TempDir
    Path tmp;

    private Env env(boolean root, Map<String, String> vars) {
        return new Env(vars, tmp.resolve("home"), root, Optional.of(tmp.resolve("install")), tmp.resolve("etc/config.json"), tmp);
    }

    @Test
    void rootGetsSystemWideDefaults() {
        Settings s = Settings.resolve(Settings.Flags.NONE, env(true, Map.of()));
        assertEquals(new Settings(Optional.of(tmp.resolve("install/policies")), Path.of("/var/lib/llm-os"),
                Path.of("/var/lib/llm-os/audit.jsonl"), Path.of("/var/cache/llm-os"), ConfigFile.NONE), s);
    }

    @Test
    void anOrdinaryUserGetsXdgDefaults() {
        Settings s = Settings.resolve(Settings.Flags.NONE, env(false, Map.of("XDG_CACHE_HOME", tmp.resolve("xc").toString())));
        assertEquals(new Settings(Optional.of(tmp.resolve("install/policies")), tmp.resolve("home/.local/state/llm-os"),
                tmp.resolve("home/.local/state/llm-os/audit.jsonl"), tmp.resolve("xc/llm-os"), ConfigFile.NONE), s);
    }

    @Test
    void aRelativeXdgDirectoryIsIgnoredAsTheSpecSays() {
        Settings s = Settings.resolve(Settings.Flags.NONE, env(false, Map.of("XDG_STATE_HOME", "rel")));
        assertEquals(tmp.resolve("home/.local/state/llm-os"), s.stateDir());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsConfigWhichBeatsDefaults() throws IOException {
        Path config = tmp.resolve("etc/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"policy_dir": "pol-from-config", "state_dir": "/c/state", "audit_log": "/c/audit.jsonl", "cache_dir": "/c/cache"}
                """);
        Env env = env(true, Map.of("LLMOS_STATE_DIR", "/e/state", "LLMOS_CACHE_DIR", "/e/cache"));
        Settings s = Settings.resolve(new Settings.Flags(null, null, null, Path.of("flag-cache"), null), env);
        assertEquals(new Settings(Optional.of(tmp.resolve("etc/pol-from-config")), Path.of("/e/state"),
                Path.of("/c/audit.jsonl"), tmp.resolve("flag-cache"), ConfigFile.read(config)), s);
    }

    @Test
    void aConfigFileReadOnceResolvesAsIfReadAgain() throws IOException {
        // llm-osd reads its file once and passes the parsed file on; the result must not differ
        Path config = tmp.resolve("etc/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"policy_dir": "pol", "state_dir": "/c/state", "socket": "sock"}
                """);
        Env env = env(true, Map.of("LLMOS_STATE_DIR", "/e/state"));
        Optional<Path> file = Settings.configFile(Settings.Flags.NONE, env);
        assertEquals(Optional.of(config), file);
        ConfigFile parsed = ConfigFile.read(config);
        Files.delete(config);
        assertEquals(new Settings(Optional.of(tmp.resolve("etc/pol")), Path.of("/e/state"), Path.of("/e/state/audit.jsonl"),
                Path.of("/var/cache/llm-os"), parsed), Settings.resolve(Settings.Flags.NONE, env, parsed));
        assertEquals(Optional.of(tmp.resolve("etc/sock")), parsed.socket());
    }

    @Test
    void aPropertiesConfigIsRefusedAsNotJson() throws IOException {
        Path config = Files.writeString(tmp.resolve("llm-os.properties"), "policy_dir=/p\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Settings.resolve(new Settings.Flags(null, null, null, null, config), env(true, Map.of())));
        assertEquals(true, e.getMessage().startsWith("config " + config + ": not valid json at line 1, column "), e.getMessage());
    }

    @Test
    void theDaemonsKeysAreBoundWithTheirTypes() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.json"), """
                {"socket_group": "llmos", "allowed_users": ["alice"], "allowed_groups": ["llmos", "adm"], "admin_groups": [],
                 "idle_exit_sec": 0, "max_clients": 64, "max_request_bytes": 1048576, "read_timeout_ms": 10000,
                 "max_clients_per_uid": 16, "reserved_slots": 4, "idle_timeout_sec": 10, "write_timeout_sec": 10,
                 "max_plans_per_user": 8}""");
        assertEquals(new ConfigJson(null, null, null, null, null, "llmos", List.of("alice"), List.of("llmos", "adm"), List.of(),
                0, 64, 1048576, 10000, 16, 4, 10, 10, 8), ConfigFile.read(config).values());
    }

    @Test
    void aDaemonLimitOfTheWrongTypeNamesTheKey() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.json"), "{\"max_clients\": \"64\"}");
        assertEquals("config " + config + ": /max_clients: expected a whole number, got a string",
                assertThrows(BadInputException.class, () -> ConfigFile.read(config)).getMessage());
    }

    @Test
    void aMisspeltConfigKeyIsAnError() throws IOException {
        Path config = tmp.resolve("c.json");
        Files.writeString(config, "{\"policy_directory\": \"/p\"}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Settings.resolve(new Settings.Flags(null, null, null, null, config), env(true, Map.of())));
        assertEquals("config " + config + ": /policy_directory: unknown key policy_directory (known: admin_groups, allowed_groups, allowed_users, audit_log, cache_dir, idle_exit_sec, idle_timeout_sec, max_clients, max_clients_per_uid, max_plans_per_user, max_request_bytes, policy_dir, read_timeout_ms, reserved_slots, socket, socket_group, state_dir, write_timeout_sec)",
                e.getMessage());
    }

    @Test
    void aNamedConfigThatDoesNotExistIsAnError() {
        Path missing = tmp.resolve("missing.json");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Settings.resolve(Settings.Flags.NONE, env(true, Map.of("LLMOS_CONFIG", missing.toString()))));
        assertEquals("config " + missing + " does not exist", e.getMessage());
    }

    @Test
    void withoutAnInstallationNorAnyPolicySettingItSaysHowToNameOne() {
        Env bare = new Env(Map.of(), tmp, false, Optional.empty(), tmp.resolve("none.json"), tmp);
        BadInputException e = assertThrows(BadInputException.class, () -> Settings.resolve(Settings.Flags.NONE, bare).policy());
        assertEquals("no policy directory: pass --policy DIR, set LLMOS_POLICY_DIR or policy_dir in the config file", e.getMessage());
    }

    @Test
    void policyConfigStateAuditAndCacheAreProtected() throws IOException {
        Path config = tmp.resolve("conf/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{}");
        Settings s = Settings.resolve(new Settings.Flags(Path.of("/pol"), Path.of("/st"), Path.of("/au/log.jsonl"),
                Path.of("/ca"), config), env(true, Map.of()));
        assertEquals(List.of(Path.of("/pol"), tmp.resolve("conf"), Path.of("/etc/llm-os"), Path.of("/st"),
                Path.of("/au/log.jsonl"), Path.of("/ca")), s.protectedRoots());
    }
}
