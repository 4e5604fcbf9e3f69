package dev.llmos.actions.cgroups;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * undoes a {@code cgroup_apply}: the moved process goes back to its groups, changed values get
 * their old ones, created directories go. it only touches paths inside llm-os parents, whatever
 * the journal says.
 */
final class CgroupUndo {

    private CgroupUndo() {
    }

    static ActionOutcome apply(JsonNode undo) {
        List<Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode moved = undo.path("moved");
        if (moved.isObject()) {
            long pid = moved.path("pid").asLong();
            for (JsonNode from : moved.path("from")) {
                try {
                    Files.writeString(Path.of(from.asText()).resolve("cgroup.procs"), Long.toString(pid));
                    changes.add(new Change("restored", "pid " + pid + " in " + from.asText(), null, null, null));
                } catch (IOException e) {
                    // a process that exited has nothing to move back
                    if (Files.exists(Path.of("/proc", Long.toString(pid)))) {
                        problems.add("cannot move pid " + pid + " back to " + from.asText() + ": " + e.getMessage());
                    }
                }
            }
        }
        List<Knob> previous = new ArrayList<>();
        for (JsonNode p : undo.path("previous")) {
            Path file = Path.of(p.path("file").asText());
            if (!insideLlmOs(file.getParent())) {
                problems.add("not restoring " + file + ": outside llm-os's groups");
                continue;
            }
            try {
                Files.writeString(file, p.path("value").asText());
                changes.add(new Change("restored", file.toString(), null, null, null));
            } catch (IOException e) {
                previous.add(new Knob("", file.toString(), p.path("value").asText()));
            }
        }
        // dependent values (v1 memsw against memory) may need a second pass
        for (Knob k : previous) {
            try {
                Files.writeString(Path.of(k.file()), k.value());
                changes.add(new Change("restored", k.file(), null, null, null));
            } catch (IOException e) {
                problems.add("cannot restore " + k.file() + " to " + k.value() + ": " + e.getMessage());
            }
        }
        List<Path> created = new ArrayList<>();
        for (JsonNode d : undo.path("created")) {
            Path dir = Path.of(d.asText());
            if (insideLlmOs(dir)) {
                created.add(dir);
            }
        }
        List<String> left = CgroupGroup.remove(created);
        created.stream().filter(d -> !left.contains(d.toString()))
                .forEach(d -> changes.add(new Change("deleted", d.toString(), null, null, null)));
        // the shared llm-os parent stays while other groups live in it; that is no failure
        left.stream().filter(d -> !d.endsWith("/llm-os"))
                .forEach(d -> problems.add("cannot remove " + d + ": it still holds processes or groups"));
        return new ActionOutcome(problems.isEmpty(), null, null, null, changes, null, null,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    // an llm-os parent or a group right under one
    private static boolean insideLlmOs(Path dir) {
        return dir != null && dir.startsWith("/sys/fs/cgroup")
                && ("llm-os".equals(dir.getFileName().toString())
                    || (dir.getParent() != null && "llm-os".equals(dir.getParent().getFileName().toString())));
    }
}
