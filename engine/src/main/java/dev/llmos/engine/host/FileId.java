package dev.llmos.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * which inode a path named at one moment: device and inode number, as {@code stat} gives them,
 * and its file type (a deleted file's inode number can come back as a symlink). a decision
 * records it so execution can tell the very object it decided on from one swapped in since.
 *
 * @param type the file type bits of the mode ({@code S_IFMT}: 0100000 regular, 040000 directory, ...)
 */
public record FileId(long device, long inode, int type) {

    public static FileId of(long device, long inode, int mode) {
        return new FileId(device, inode, mode & 0170000);
    }

    /** the inode {@code path} itself names (a symlink is not followed), or null when there is none. */
    public static FileId of(Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,mode", LinkOption.NOFOLLOW_LINKS);
            return of((Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("mode"));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "device " + device + " inode " + inode + (type == 0120000 ? " (a symlink)" : "");
    }
}
