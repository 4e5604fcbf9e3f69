package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.daemon.client.Result;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunListener;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.RecoveryStep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * the write-ahead journal: one file per executed plan, one json line per state change (decided,
 * running step k, finished step k with its undo data, recovered, ended). after a crash the last
 * line says where the plan was, and the finished steps say what to undo. lines are synced in
 * groups (decision 0026): "decided" with the first "running", and a "finished" with whatever comes
 * next ("running" of the next step, "ended"); every "running" line is on disk before its step
 * starts, and "ended" before the plan counts as ended.
 */
public final class Journal {

    private final Path dir;
    private final Clock clock;
    /** journal files this daemon knows are ended: status and start-up need not read them again; the oldest go. */
    private final EndedJournals ended;

    public Journal(Path dir, Clock clock) {
        this(dir, clock, EndedJournals.KEEP);
    }

    /** @param keepEnded how many ended journals stay on disk; older ones are deleted (recovery never reads them) */
    public Journal(Path dir, Clock clock, int keepEnded) {
        this.dir = dir;
        this.clock = clock;
        this.ended = new EndedJournals(dir, keepEnded);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + dir, e);
        }
    }

    /** opens a plan's journal and records its decided state; the returned listener records each step. */
    public Writer begin(String planId, DecidedPlan decided, java.util.Set<String> approved) {
        Writer w = new Writer(dir.resolve(planId + ".jsonl"), false);
        ObjectNode head = Json.mapper().createObjectNode();
        head.put("state", "decided");
        head.put("plan_id", planId);
        head.put("user", decided.requester().user());
        head.put("uid", decided.requester().uid());
        head.put("gid", decided.requester().gid());
        head.put("goal", decided.plan().goal());
        head.put("plan_digest", decided.plan().digest());
        head.set("plan", decided.plan().json());
        ArrayNode ids = head.putArray("approved");
        approved.forEach(ids::add);
        ArrayNode recovery = head.putArray("recovery");
        for (PlannedAction a : decided.plan().actions()) {
            Decision d = decided.decision(a.id());
            for (RecoveryStep step : d.recovery()) {
                recovery.addObject().put("action", a.id()).put("step", step.describe()).put("automatic", step.automatic());
            }
        }
        // synced with the first step's "running" line (or "ended"): nothing has happened yet
        w.append(head, false);
        return w;
    }

    /** a plan's journal, open for appending. */
    public final class Writer implements RunListener, AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private boolean unsynced;

        private Writer(Path file, boolean resume) {
            this.file = file;
            try {
                this.channel = resume ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                        : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open journal " + file, e);
            }
        }

        /** writes a line; {@code sync} puts it, and every line before it, on disk before returning. */
        synchronized void append(ObjectNode entry, boolean sync) {
            entry.put("time", clock.instant().toString());
            byte[] bytes = (Json.canonical(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                unsynced = !sync;
                if (sync) {
                    channel.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write journal " + file, e);
            }
        }

        @Override
        public void starting(int step, PlannedAction action) {
            append(Json.mapper().createObjectNode().put("state", "running").put("step", step).put("action", action.id()), true);
        }

        @Override
        public void finished(int step, PlannedAction action, ActionResult result, JsonNode undo) {
            ObjectNode e = Json.mapper().createObjectNode().put("state", "finished").put("step", step)
                    .put("action", action.id()).put("status", result.status().wire());
            if (undo != null) {
                e.set("undo", undo);
            }
            // synced by the next line, which comes before any later step starts
            append(e, false);
        }

        @Override
        public void recovered(RecoveryReport report) {
            append(Json.mapper().createObjectNode().put("state", "recovery").put("action", report.forAction())
                    .put("status", report.status()).put("detail", report.detail()), true);
        }

        public void end(RunStatus status) {
            append(Json.mapper().createObjectNode().put("state", "ended").put("status", status.wire()), true);
            ended.add(file.getFileName().toString());
        }

        /** an interrupted plan's recovery ran (llmsh recover): the journal is closed with it. */
        public void endRecovered() {
            append(Json.mapper().createObjectNode().put("state", "ended").put("status", "recovered"), true);
            ended.add(file.getFileName().toString());
        }

        @Override
        public synchronized void close() {
            try {
                // a run cut short by an exception keeps what it wrote
                if (unsynced && channel.isOpen()) {
                    channel.force(true);
                }
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * what recovering a plan a crash cut off needs from its journal.
     *
     * @param finished the actions that completed, in order, each with its handler's undo data (or null)
     */
    public record Cut(String planId, int uid, int gid, JsonNode plan, java.util.LinkedHashMap<String, JsonNode> finished) {
    }

    /** the journal of {@code planId} if it stops before an "ended" line. */
    public java.util.Optional<Cut> cut(String planId) {
        Path file = dir.resolve(planId + ".jsonl");
        if (!planId.matches("p-[0-9a-f]{1,64}") || !Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            JsonNode head = Json.mapper().readTree(lines.get(0));
            java.util.LinkedHashMap<String, JsonNode> finished = new java.util.LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                JsonNode e;
                try {
                    e = Json.mapper().readTree(line);
                } catch (IOException torn) {
                    break;
                }
                if ("ended".equals(e.path("state").asText())) {
                    return java.util.Optional.empty();
                }
                if ("finished".equals(e.path("state").asText()) && "ok".equals(e.path("status").asText())) {
                    finished.put(e.path("action").asText(), e.get("undo"));
                }
            }
            int uid = head.path("uid").asInt();
            return java.util.Optional.of(new Cut(planId, uid, head.path("gid").asInt(uid), head.get("plan"), finished));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot read journal " + file, e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** appends to an existing plan's journal (its recovery). */
    public Writer resume(String planId) {
        return new Writer(dir.resolve(planId + ".jsonl"), true);
    }

    /** true once the audit log holds the closing record of this plan's interruption. */
    public boolean audited(String planId) {
        try {
            Path f = dir.resolve(planId + ".jsonl");
            return Files.exists(f) && Files.readString(f, StandardCharsets.ISO_8859_1).contains("\"state\":\"audited\"");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal of " + planId, e);
        }
    }

    /** notes that the audit log now closes this interrupted plan, so a restart does not close it twice. */
    public void markAudited(String planId) {
        Path f = dir.resolve(planId + ".jsonl");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ObjectNode e = Json.mapper().createObjectNode().put("state", "audited").put("time", clock.instant().toString());
            ByteBuffer buf = ByteBuffer.wrap(("\n" + Json.canonical(e) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal of " + planId, e);
        }
    }

    /** every plan in the journal (ended ones past the bound are gone), oldest file first. */
    public List<Result.Interrupted> scan() {
        return scan(false);
    }

    /**
     * the plans whose journal stops before "ended" (a crash cut them off, or they run now), oldest
     * first. a journal known to be ended is not read again: status stays cheap however many plans ran.
     */
    public List<Result.Interrupted> unfinished() {
        return scan(true);
    }

    private List<Result.Interrupted> scan(boolean unfinishedOnly) {
        List<Result.Interrupted> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            // oldest first by the last change, so the ended ones are learnt, and pruned, in age order
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).map(JournalFiles.Aged::of)
                    .filter(a -> a != null).sorted().map(JournalFiles.Aged::file).toList()) {
                String name = f.getFileName().toString();
                if (unfinishedOnly && ended.contains(name)) {
                    continue;
                }
                Result.Interrupted e = JournalFiles.read(f);
                if (e != null && "ended".equals(e.state())) {
                    ended.add(name);
                }
                if (e != null && (!unfinishedOnly || !"ended".equals(e.state()))) {
                    out.add(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal directory " + dir, e);
        }
        return out;
    }
}
