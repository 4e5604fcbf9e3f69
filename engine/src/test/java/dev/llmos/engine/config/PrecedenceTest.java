package dev.llmos.engine.config;

import dev.llmos.engine.config.Precedence.Resolved;
import dev.llmos.engine.config.Precedence.Source;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrecedenceTest {

    @Test
    void flagWinsOverEnvironmentFileAndDefault() {
        assertEquals(new Resolved<>("flag", Source.FLAG),
                Precedence.resolve("flag", Optional.of("env"), Optional.of("file"), () -> "default"));
    }

    @Test
    void environmentWinsOverFileAndDefault() {
        assertEquals(new Resolved<>("env", Source.ENVIRONMENT),
                Precedence.resolve(null, Optional.of("env"), Optional.of("file"), () -> "default"));
    }

    @Test
    void fileWinsOverDefault() {
        assertEquals(new Resolved<>("file", Source.FILE),
                Precedence.resolve(null, Optional.empty(), Optional.of("file"), () -> "default"));
    }

    @Test
    void defaultOnlyWhenNothingElseGaveAValue() {
        assertEquals(new Resolved<>("default", Source.DEFAULT),
                Precedence.resolve(null, Optional.empty(), Optional.empty(), () -> "default"));
        assertEquals(Optional.empty(), Precedence.value(null, Optional.<String>empty(), Optional.empty()));
    }
}
