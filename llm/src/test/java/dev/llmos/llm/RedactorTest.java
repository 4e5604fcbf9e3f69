package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.llmos.llm.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RedactorTest {

    private static final Redactor DEFAULTS = Redactor.withDefaultsAnd(List.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            password assignment       | DB_PASSWORD=hunter2 ok                         | DB_PASSWORD=[REDACTED] ok
            json secret               | {"api_key": "abc123", "user": "bob"}           | {"api_key": "[REDACTED]", "user": "bob"}
            yaml token                | token: 9f8e7d6c                                | token: [REDACTED]
            bearer token              | curl -H 'x: Bearer abcdefgh12345678'           | curl -H 'x: Bearer [REDACTED]'
            authorization header      | Authorization: Basic dXNlcjpwYXNz              | Authorization: [REDACTED]
            openai key                | key is sk-proj-aaaaaaaaaaaaaaaaaaaa here       | key is [REDACTED] here
            github token              | ghp_abcdefghijklmnopqrstuvwxyz0123 used        | [REDACTED] used
            aws access key            | AKIAIOSFODNN7EXAMPLE                           | [REDACTED]
            shadow line               | root:$6$rounds$abcdefghijk:19000:0:99999:7:::  | root:[REDACTED]:19000:0:99999:7:::
            yescrypt shadow line      | alice:$y$j9T$salt$hash:19500::::::             | alice:[REDACTED]:19500::::::
            locked account is kept    | daemon:*:19000:0:99999:7:::                    | daemon:*:19000:0:99999:7:::
            url with password         | postgres://app:s3cret@db:5432/x                | postgres://app:[REDACTED]@db:5432/x
            password as next argument | mysql -u root --password s3cret                | mysql -u root --password [REDACTED]
            ordinary text is kept     | Filesystem Size Used Avail Use% Mounted on     | Filesystem Size Used Avail Use% Mounted on
            """)
    void hidesTheSecretAndKeepsTheRest(String name, String input, String expected) {
        assertEquals(expected, DEFAULTS.redact(input));
    }

    @Test
    void hidesAWholePrivateKeyBlock() {
        assertEquals("before\n[REDACTED]\nafter", DEFAULTS.redact("""
                before
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAx
                -----END RSA PRIVATE KEY-----
                after"""));
    }

    @Test
    void hidesAPrivateKeyCutShortByAnOutputCap() {
        assertEquals("key:\n[REDACTED]", DEFAULTS.redact("key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt"));
    }

    @Test
    void patternsFromConfigAddToTheDefaults() {
        Redactor redactor = Redactor.withDefaultsAnd(List.of("employee-\\d{6}", "pin (?<secret>\\d{4})"));
        assertEquals("[REDACTED] has pin [REDACTED] and password=[REDACTED]",
                redactor.redact("employee-123456 has pin 1234 and password=x"));
    }

    @Test
    void redactsEveryStringInATreeButNotItsKeys() {
        JsonNode tree = json("""
                {"password":"plain","list":["token=abc123",{"note":"sk-aaaaaaaaaaaaaaaaaaaaaaaa"}],"n":3}""");
        assertEquals(json("""
                {"password":"plain","list":["token=[REDACTED]",{"note":"[REDACTED]"}],"n":3}"""), DEFAULTS.redact(tree));
    }

    @Test
    void aPatternThatDoesNotCompileIsNamed() {
        ModelConfigLoader.ConfigException e = assertThrows(ModelConfigLoader.ConfigException.class,
                () -> Redactor.withDefaultsAnd(List.of("(unclosed")));
        assertEquals("redact pattern does not compile: (unclosed (Unclosed group)", e.getMessage());
    }
}
