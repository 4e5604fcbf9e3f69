package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.daemon.client.Result;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** reading journal files back: where each plan got to, and the files' ages. */
final class JournalFiles {

    private JournalFiles() {
    }

    /** a journal file and when it last changed; null when it is gone (an ended one pruned meanwhile). */
    record Aged(Path file, long modified) implements Comparable<Aged> {
        static Aged of(Path f) {
            try {
                return new Aged(f, Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public int compareTo(Aged o) {
            int byTime = Long.compare(modified, o.modified);
            return byTime != 0 ? byTime : file.compareTo(o.file);
        }
    }

    static Result.Interrupted read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException pruned) {
            // an ended journal deleted between the listing and this read
            return null;
        }
        if (lines.isEmpty()) {
            return null;
        }
        JsonNode head;
        try {
            head = Json.mapper().readTree(lines.get(0));
        } catch (IOException e) {
            return null;
        }
        String state = "interrupted";
        String status = "running";
        int step = -1;
        String action = null;
        String updated = head.path("time").asText();
        List<String> finished = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            JsonNode e;
            try {
                e = Json.mapper().readTree(line);
            } catch (IOException torn) {
                // a line torn by the crash: everything before it is what we know
                break;
            }
            updated = e.path("time").asText(updated);
            switch (e.path("state").asText()) {
                case "running" -> {
                    step = e.path("step").asInt();
                    action = e.path("action").asText();
                }
                case "finished" -> {
                    step = e.path("step").asInt();
                    action = e.path("action").asText();
                    if ("ok".equals(e.path("status").asText())) {
                        finished.add(action);
                    }
                }
                case "ended" -> {
                    state = "ended";
                    status = e.path("status").asText();
                }
                default -> {
                }
            }
        }
        return new Result.Interrupted(head.path("plan_id").asText(), head.path("goal").asText(), head.path("user").asText(),
                head.path("uid").asInt(), state, status, step, action, finished, head.path("recovery"), updated);
    }
}
