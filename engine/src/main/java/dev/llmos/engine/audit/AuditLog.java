package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * append-only audit log: one json record per event, written and fsync'd before {@link #append}
 * returns, so a caller that appends before it acts never acts unrecorded (fail closed: a record
 * that cannot be synced throws {@link AuditException}). records are hash-chained, sealed with a
 * forward-secure key ({@link SealKey}) and each new head is published to anchors outside the file.
 * a torn tail found before an append is moved to a quarantine file and recorded as its own event.
 * a file lock serialises writers across processes.
 *
 * <p>a log from {@link #deferring()} writes its records without syncing them (group commit,
 * decision 0026): for records that come before no effect of their own (a plan submitted, decided).
 * the next synced append (a step's start, before the step runs) puts them on disk with its own
 * record, in one fsync, and anchors a head that covers them.
 */
public final class AuditLog {

    /** version 2: one record per event, a {@code type} tag, sealed; version 1 lines still verify. */
    public static final int VERSION = 2;
    public static final String GENESIS = "0".repeat(64);
    public static final String REPAIR = "audit.repair";
    public static final String SEALING = "audit.sealing";
    public static final String EPOCH = "audit.epoch";

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /** one lock per file in this jvm: file locks are per process, and overlapping ones throw. */
    private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    /**
     * the end of each log as this jvm last wrote it, so the next append need not read the tail back
     * and parse it. trusted only while the file is the same one (device and inode) and exactly as long
     * as we left it: another writer (llmsh embedded, another daemon) or a torn tail changes the length,
     * and then the tail is inspected as before. guarded by the file's lock in {@link #IN_PROCESS}.
     */
    private static final ConcurrentHashMap<Path, Written> WRITTEN = new ConcurrentHashMap<>();

    /** where a log ended after our last write, and the record there. */
    private record Written(Object fileKey, long end, JsonNode last) {
    }

    private final Path file;
    private final Clock clock;
    private final Duration epoch;
    private final List<Anchor> anchors;
    private final boolean deferred;

    public AuditLog(Path file, Clock clock, Duration epoch, List<Anchor> anchors) {
        this(file, clock, epoch, anchors, false);
    }

    private AuditLog(Path file, Clock clock, Duration epoch, List<Anchor> anchors, boolean deferred) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        this.epoch = epoch;
        this.anchors = List.copyOf(anchors);
        this.deferred = deferred;
    }

    /**
     * the same log, but {@link #append} returns once the record is written, not synced: the next
     * synced append (from any view of this file) syncs it too. only for records no effect waits on.
     */
    public AuditLog deferring() {
        return deferred ? this : new AuditLog(file, clock, epoch, anchors, true);
    }

    /** sealed in 15-minute epochs, anchored to the file beside the log and to syslog when it listens. */
    public AuditLog(Path file, Clock clock) {
        this(file, clock, SealKey.DEFAULT_INTERVAL, defaultAnchors(file.toAbsolutePath()));
    }

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    public static List<Anchor> defaultAnchors(Path file) {
        List<Anchor> out = new ArrayList<>();
        out.add(new FileAnchor(sibling(file, ".anchor")));
        SyslogAnchor.system().ifPresent(out::add);
        return out;
    }

    public Path file() {
        return file;
    }

    /** the evolving sealing key (0600); each epoch overwrites the one before. */
    public Path keyFile() {
        return sibling(file, ".key");
    }

    /** the epoch-0 key, written once (0400) for the admin to move off the machine. */
    public Path verifyKeyFile() {
        return sibling(file, ".verify-key");
    }

    public List<Anchor> anchors() {
        return anchors;
    }

    /** the files beside the log that belong to it; no plan may touch them. */
    public List<Path> companions() {
        List<Path> out = new ArrayList<>(List.of(keyFile(), verifyKeyFile(), sibling(file, ".anchor")));
        anchors.stream().filter(a -> a instanceof FileAnchor).map(a -> ((FileAnchor) a).file()).forEach(out::add);
        return out;
    }

    static Path sibling(Path log, String suffix) {
        return log.resolveSibling(log.getFileName() + suffix);
    }

    /**
     * appends one record and syncs it. {@code body}'s fields are kept; v, seq, time, type, key_id,
     * epoch, prev, hash and seal are added.
     *
     * @return the record as written
     * @throws AuditException when it cannot be written and synced: whatever it records must not happen
     */
    public JsonNode append(String type, ObjectNode body) {
        synchronized (IN_PROCESS.computeIfAbsent(file, f -> new Object())) {
            try {
                return appendLocked(type, body);
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                throw new AuditException("cannot write the audit record (" + type + ") to " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private JsonNode appendLocked(String type, ObjectNode body) throws IOException {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (created) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                Durable.syncDirectory(parent);
            }
            Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            Written known = WRITTEN.remove(file);
            long size = ch.size();
            LogTail tail = known != null && fileKey != null && fileKey.equals(known.fileKey()) && known.end() == size
                    ? new LogTail(known.last(), size, size) : LogTail.inspect(ch);
            JsonNode last = tail.last();
            Sealer.Key key = Sealer.load(this, clock.instant(), epoch);
            if (tail.torn()) {
                last = write(ch, key, last, REPAIR, quarantine(ch, tail, last), true);
            }
            if (key.created()) {
                ObjectNode note = Json.mapper().createObjectNode().put("verify_key_file", key.verifyFile().toString())
                        .put("epoch_start", key.key().start().toString()).put("interval_sec", epoch.toSeconds())
                        .put("note", "move the verify key off this machine: whoever holds it can re-seal the log");
                last = write(ch, key, last, SEALING, note, true);
            }
            long target = key.key().epochAt(clock.instant());
            if (target > key.key().epoch()) {
                // the epoch's last record, sealed with its own key: whoever later steals a newer key
                // cannot rewrite what came before this without it showing
                ObjectNode close = Json.mapper().createObjectNode().put("next_epoch", target);
                last = write(ch, key, last, EPOCH, close, true);
                key = Sealer.forward(this, key, target);
            }
            JsonNode written = write(ch, key, last, type, body, !deferred);
            if (fileKey != null) {
                WRITTEN.put(file, new Written(fileKey, ch.size(), written));
            }
            return written;
        }
    }

    /** copies the torn bytes into a new quarantine file (synced), then cuts them off the log. */
    private ObjectNode quarantine(FileChannel ch, LogTail tail, JsonNode last) throws IOException {
        int n = (int) Math.min(Integer.MAX_VALUE - 16, tail.size() - tail.goodEnd());
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining() && ch.read(buf, tail.goodEnd() + buf.position()) >= 0) {
            // read the whole torn tail
        }
        long seq = last == null ? 1 : last.path("seq").asLong() + 1;
        Path q = sibling(file, ".quarantine-" + seq);
        for (int i = 1; Files.exists(q); i++) {
            q = sibling(file, ".quarantine-" + seq + "." + i);
        }
        try (FileChannel out = FileChannel.open(q, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            Durable.writeFully(out, buf.array());
            out.force(true);
        }
        Durable.syncDirectory(q.getParent());
        ch.truncate(tail.goodEnd());
        ch.force(true);
        LOG.warn("audit log {} had a torn tail of {} bytes after record {}; moved to {}", file, n,
                last == null ? 0 : last.path("seq").asLong(), q);
        return Json.mapper().createObjectNode().put("bytes", n).put("offset", tail.goodEnd())
                .put("sha256", Json.sha256(buf.array())).put("quarantine", q.toString())
                .put("after_seq", last == null ? 0 : last.path("seq").asLong());
    }

    /**
     * writes one record after {@code last}; with {@code sync}, syncs it (and any deferred record
     * before it) and then publishes the new head to the anchors.
     */
    private JsonNode write(FileChannel ch, Sealer.Key key, JsonNode last, String type, ObjectNode body, boolean sync)
            throws IOException {
        long seq = last == null ? 1 : last.path("seq").asLong() + 1;
        String prev = last == null ? GENESIS : last.path("hash").asText();
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("v", VERSION);
        line.put("seq", seq);
        line.put("time", clock.instant().toString());
        line.put("type", type);
        line.setAll(body);
        line.put("key_id", key.id());
        line.put("epoch", key.key().epoch());
        line.put("prev", prev);
        String hash = hash(line);
        line.put("hash", hash);
        line.put("seal", key.key().seal(hash));
        byte[] bytes = (Json.canonical(line) + "\n").getBytes(StandardCharsets.UTF_8);
        long before = ch.size();
        try {
            ch.position(before);
            Durable.writeFully(ch, bytes);
            if (sync) {
                ch.force(true);
            }
        } catch (IOException e) {
            // a half-written record must not stay: cut it off; if that fails too, the next append quarantines it
            try {
                ch.truncate(before);
                ch.force(true);
            } catch (IOException ignored) {
                LOG.warn("cannot cut a half-written audit record off {}: {}", file, ignored.toString());
            }
            throw e;
        }
        if (!sync) {
            // anchored with the synced record that follows: a head must never name a record not on disk
            return line;
        }
        for (Anchor a : anchors) {
            try {
                a.publish(file.toString(), seq, hash);
            } catch (IOException | RuntimeException e) {
                LOG.warn("audit head {} not anchored to {}: {}", seq, a.describe(), e.toString());
            }
        }
        return line;
    }

    /** the hash of a record: sha-256 over its canonical form without the hash and seal fields. */
    public static String hash(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.remove("hash");
        copy.remove("seal");
        return Json.sha256(Json.canonical(copy));
    }

    /**
     * the newest lines first, read backwards from the end as they are taken, until {@code take}
     * returns false: a tail reads the end of the log, not all of it.
     */
    public void newestFirst(java.util.function.Predicate<String> take) {
        try (NewestFirst lines = new NewestFirst(file)) {
            while (lines.hasNext() && take.test(lines.next())) {
                // take says when it has enough
            }
        }
    }

    /** every line, as text. */
    public List<String> lines() {
        try {
            // decoded leniently: a damaged byte is verify's business, tail shows what it can
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
