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
                Path.of("/var/lib/llm-os/audit.jsonl"), Path.of("/var/cache/llm-os"), Optional.empty()), s);
    }

    @Test
    void anOrdinaryUserGetsXdgDefaults() {
        Settings s = Settings.resolve(Settings.Flags.NONE, env(false, Map.of("XDG_CACHE_HOME", tmp.resolve("xc").toString())));
        assertEquals(new Settings(Optional.of(tmp.resolve("install/policies")), tmp.resolve("home/.local/state/llm-os"),
                tmp.resolve("home/.local/state/llm-os/audit.jsonl"), tmp.resolve("xc/llm-os"), Optional.empty()), s);
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
                Path.of("/c/audit.jsonl"), tmp.resolve("flag-cache"), Optional.of(config)), s);
    }

    @Test
    void aConfigFileReadOnceResolvesAsIfReadAgain() throws IOException {
        // llm-osd reads its file once and passes the parsed file on; the result must not differ
        Path config = tmp.resolve("etc/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, """
                {"policy_dir": "pol", "state_dir": "/c/state", "socket": "/c/sock"}
                """);
        Env env = env(true, Map.of("LLMOS_STATE_DIR", "/e/state"));
        Optional<Path> file = Settings.configFile(Settings.Flags.NONE, env);
        assertEquals(Optional.of(config), file);
        ConfigFile parsed = ConfigFile.read(config);
        Files.delete(config);
        assertEquals(new Settings(Optional.of(tmp.resolve("etc/pol")), Path.of("/e/state"), Path.of("/e/state/audit.jsonl"),
                Path.of("/var/cache/llm-os"), Optional.of(config)), Settings.resolve(Settings.Flags.NONE, env, file, parsed));
    }

    @Test
    void aPropertiesConfigIsReadToo() throws IOException {
        Path config = tmp.resolve("llm-os.properties");
        Files.writeString(config, "policy_dir=/p\nstate_dir = /s\n");
        Settings s = Settings.resolve(new Settings.Flags(null, null, null, null, config), env(true, Map.of()));
        assertEquals(new Settings(Optional.of(Path.of("/p")), Path.of("/s"), Path.of("/s/audit.jsonl"),
                Path.of("/var/cache/llm-os"), Optional.of(config)), s);
    }

    @Test
    void aMisspeltConfigKeyIsAnError() throws IOException {
        Path config = tmp.resolve("c.json");
        Files.writeString(config, "{\"policy_directory\": \"/p\"}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Settings.resolve(new Settings.Flags(null, null, null, null, config), env(true, Map.of())));
        assertEquals("config " + config + ": unknown key policy_directory (known: admin_groups, allowed_groups, allowed_users, audit_log, cache_dir, idle_exit_sec, idle_timeout_sec, max_clients, max_clients_per_uid, max_plans_per_user, max_request_bytes, policy_dir, read_timeout_ms, reserved_slots, socket, socket_group, state_dir, write_timeout_sec)",
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
