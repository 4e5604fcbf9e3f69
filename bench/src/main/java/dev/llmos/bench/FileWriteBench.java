package dev.llmos.bench;

import dev.llmos.actions.files.WriteFileHandler;
import dev.llmos.actions.files.WriteFileParams;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * what binding a file action to the decided objects costs: creating a file with write_file and
 * undoing it (openat2 without symlinks, inode checks, temp file, fsync, renameat2, the same for
 * the delete), as the process itself and for another user (a thread of its own with that user's
 * fs identity; as root only, else it acts as itself), against a plain jdk temp file + fsync +
 * atomic move + delete of the same bytes, which is what the handler did by path before. on tmpfs
 * ({@code /dev/shm} when there is one) fsync costs nothing, so what is left is the syscalls and
 * threads themselves, not the disk's mood on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FileWriteBench {

    private static final byte[] CONTENT = "hello from the bench\n".getBytes(StandardCharsets.UTF_8);

    private Path tmp;
    private Path dir;
    private Path target;
    private WriteFileHandler handler;
    private WriteFileParams params;
    private ExecContext self;
    private ExecContext nobody;

    @Setup
    public void setup() throws IOException {
        Path shm = Path.of("/dev/shm");
        tmp = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "llmos-bench-files-")
                : Files.createTempDirectory("llmos-bench-files-");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        target = dir.resolve("motd");
        handler = new WriteFileHandler();
        params = new WriteFileParams(target.toString(), new String(CONTENT, StandardCharsets.UTF_8), "0644");
        HostProbe probe = HostProbe.system();
        String digest = "0123456789abcdef".repeat(4);
        self = new ExecContext(tmp.resolve("state"), digest, "a1", probe.currentProcess(), Limits.DEFAULT);
        Requester other = probe.identify(65534, 65534);
        nobody = new ExecContext(tmp.resolve("state"), digest, "a1", other, Limits.DEFAULT);
    }

    @TearDown
    public void tearDown() {
        Fixtures.deleteTree(tmp);
    }

    /** the baseline: the same bytes by path, atomically, then removed. */
    @Benchmark
    public long jdkAtomicCreateAndDelete() throws IOException {
        Path t = Files.createTempFile(dir, ".motd.", ".tmp");
        try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(CONTENT));
            ch.force(true);
        }
        Files.move(t, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        long size = Files.size(target);
        Files.delete(target);
        return size;
    }

    @Benchmark
    @RatioTo("jdkAtomicCreateAndDelete")
    public boolean boundCreateAndUndoAsSelf() {
        return createAndUndo(self);
    }

    @Benchmark
    @RatioTo("boundCreateAndUndoAsSelf")
    public boolean boundCreateAndUndoAsNobody() {
        return createAndUndo(nobody);
    }

    private boolean createAndUndo(ExecContext context) {
        ActionOutcome done = handler.execute(params, context);
        ActionOutcome undone = handler.undo(params, done.undo(), context);
        if (!done.ok() || !undone.ok()) {
            throw new IllegalStateException(done.error() + " / " + undone.error());
        }
        return undone.ok();
    }
}
