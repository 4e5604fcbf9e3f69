package dev.llmos.actions.files;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of an {@code append_file} action. rules are written against these names: keep them.
 *
 * @param realPath absolute, symlinks followed: the file that will grow (or be created)
 * @param size current bytes, -1 when missing or not a regular file
 * @param mode the mode the file keeps (0644 when it is created), four octal digits
 * @param contentBytes bytes appended
 */
public record AppendFile(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String path,
        String realPath,
        String topDir,
        boolean exists,
        boolean symlink,
        String owner,
        long size,
        String mode,
        long contentBytes) implements ActionFact {
}
