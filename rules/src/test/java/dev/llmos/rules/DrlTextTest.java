package dev.llmos.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the hand-written str[...] finder finds what the regex it replaced finds. */
class DrlTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"path str[startsWith] \"/etc\"", "str[", "x str  \t[", "xstr[", "_str[", "9str[", "(str[",
            "str\n[", "str\u000b[", "str\u00a0[", "éstr[", "str", "strstr[ str[", "a str[b] str [c]", "st r[", "str(", ""})
    void findsWhatTheRegexFinds(String code) {
        assertEquals(byRegex(code), byHand(code));
    }

    @Test
    void findsWhatTheRegexFindsInTheShippedPolicy() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../policies"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                String code = Files.readString(f);
                String planted = code.replace("path != null", "str[startsWith] \"/x\"");
                assertEquals(byRegex(code), byHand(code), f.toString());
                assertEquals(byRegex(planted), byHand(planted), f.toString());
            }
        }
    }

    private static List<Integer> byRegex(String code) {
        List<Integer> out = new ArrayList<>();
        Matcher m = DrlText.STR_OPERATOR.matcher(code);
        while (m.find()) {
            out.add(m.start());
        }
        return out;
    }

    private static List<Integer> byHand(String code) {
        List<Integer> out = new ArrayList<>();
        for (int at = DrlText.strOperator(code, 0); at >= 0; at = DrlText.strOperator(code, at + 3)) {
            out.add(at);
        }
        return out;
    }
}
