package dev.llmos.llm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** what -vv shows of a message: secrets redacted, file contents and output by their length. */
class RequestLogTest {

    private final RequestLog log = new RequestLog(Redactor.withDefaultsAnd(List.of()));

    @Test
    void fileContentsAndOutputAreShownByTheirLengthAndSecretsRedacted() {
        String answer = "{\"id\":\"a1\",\"type\":\"write_file\",\"path\":\"/etc/app.conf\",\"content\":\"user=app\\npassword=hunter2\\n\","
                + "\"reason\":\"set it\",\"stdout\":{\"text\":\"a long line of program output\"},\"mode\":\"0644\"}";
        assertEquals("{\"id\":\"a1\",\"type\":\"write_file\",\"path\":\"/etc/app.conf\",\"content\":\"[28 characters not logged]\","
                + "\"reason\":\"set it\",\"stdout\":{\"text\":\"[29 characters not logged]\"},\"mode\":\"0644\"}", log.view(answer));
    }

    @Test
    void aSecretOutsideAnyContentFieldIsRedacted() {
        assertEquals("request: use password=[REDACTED] for the db", log.view("request: use password=hunter2 for the db"));
    }
}
