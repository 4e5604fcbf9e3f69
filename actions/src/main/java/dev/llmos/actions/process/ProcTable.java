package dev.llmos.actions.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** processes as /proc shows them: comm, owner, start time. zombies are left out; they run nothing. */
final class ProcTable {

    /**
     * one process.
     *
     * @param startTicks field 22 of /proc/PID/stat: with the pid, it names this process and not a
     *                   later one that reused the pid
     */
    record Proc(int pid, String comm, int uid, long startTicks) {
        boolean system() {
            return pid == 1 || uid < 1000;
        }
    }

    private final Path proc;

    ProcTable(Path proc) {
        this.proc = proc;
    }

    static ProcTable system() {
        return new ProcTable(Path.of("/proc"));
    }

    Optional<Proc> byPid(int pid) {
        return read(pid);
    }

    /** every process whose comm is exactly {@code name}, by pid. */
    List<Proc> byName(String name) {
        List<Proc> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path dir : dirs) {
                read(Integer.parseInt(dir.getFileName().toString())).filter(p -> p.comm().equals(name)).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc + ": " + e.getMessage(), e);
        }
        found.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
        return found;
    }

    private Optional<Proc> read(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"));
            int close = stat.lastIndexOf(')');
            String comm = stat.substring(stat.indexOf('(') + 1, close);
            String[] rest = stat.substring(close + 2).split(" ");
            // rest[0] is field 3 (state); field 22 (starttime) is rest[19]
            if (rest[0].equals("Z") || rest[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(new Proc(pid, comm, uid(dir), Long.parseLong(rest[19])));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // the process exited between listing and reading
            return Optional.empty();
        }
    }

    private static int uid(Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("status"))) {
            if (line.startsWith("Uid:")) {
                // real, effective, saved, fs: the real uid owns the process
                return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no Uid line in " + dir.resolve("status"));
    }
}
