package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** what kind of inode a path is, without following it: the jdk lumps fifos, devices and sockets together. */
enum FileKind {
    MISSING("missing file"),
    REGULAR("regular file"),
    DIRECTORY("directory"),
    SYMLINK("symlink"),
    FIFO("fifo (named pipe)"),
    CHARACTER_DEVICE("character device"),
    BLOCK_DEVICE("block device"),
    SOCKET("socket");

    // compiled once: String.matches compiles its pattern on every call, and every file action's fact asks
    private static final Pattern MODE = Pattern.compile("^0?[0-7]{3,4}$");

    private final String words;

    FileKind(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    static FileKind of(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return MISSING;
        }
        return switch (mode & 0170000) {
            case 0100000 -> REGULAR;
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMLINK;
            case 0010000 -> FIFO;
            case 0020000 -> CHARACTER_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            case 0140000 -> SOCKET;
            default -> throw new IOException("unknown file type " + Integer.toOctalString(mode) + " at " + path);
        };
    }

    /** permission bits with setuid, setgid and sticky, following symlinks. */
    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode") & 07777;
    }

    static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }

    /** a plan's mode ("644", "0644", "4755") as bits, or null when the plan gives none. */
    static Integer parseMode(String mode) throws FileTarget.Refused {
        if (mode == null) {
            return null;
        }
        if (!MODE.matcher(mode).matches()) {
            throw new FileTarget.Refused("mode must be octal like 0644, got " + mode);
        }
        return Integer.parseInt(mode, 8) & 07777;
    }

    /** the mode of an existing file, for facts; null when it cannot be read. */
    static Integer existingMode(String realPath) {
        try {
            return mode(Path.of(realPath));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
