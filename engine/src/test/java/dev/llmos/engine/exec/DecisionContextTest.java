package dev.llmos.engine.exec;

import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.PathResolver;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecisionContextTest {

    private static final HostFacts HOST = new HostFacts("h", "debian", "12", "amd64", "apt", "systemd");
    private static final Requester ALICE = new Requester(1000, 1000, "alice", List.of("alice"));

    private static DecisionContext context(Path cwd) {
        return new DecisionContext(new PathResolver(cwd), HOST, ALICE, Limits.DEFAULT);
    }

    @Test
    void worksOutEachAnswerOncePerDecisionAndAgainInTheNext(@TempDir Path dir) {
        AtomicInteger work = new AtomicInteger();
        DecisionContext first = context(dir);
        List<Object> answers = List.of(first.once("k", work::incrementAndGet), first.once("k", work::incrementAndGet),
                first.once("other", work::incrementAndGet), context(dir).once("k", work::incrementAndGet));
        assertEquals(List.of(1, 1, 2, 3), answers);
    }

    @Test
    void aPathSeesTheFileSystemAsItWasWhenTheDecisionFirstAskedAndTheNextDecisionSeesItAnew(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("f");
        DecisionContext decision = context(dir);
        PathFacts before = decision.path(file.toString());
        Files.writeString(file, "x");
        List<Boolean> seen = List.of(before.exists(), decision.path(file.toString()).exists(),
                decision.path(dir.resolve("./f").toString()).exists(), context(dir).path(file.toString()).exists());
        // within one decision a question gets one answer (its components were looked up once)
        assertEquals(List.of(false, false, false, true), seen);
    }
}
