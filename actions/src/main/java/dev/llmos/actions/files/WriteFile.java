package dev.llmos.actions.files;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code write_file} action. rules are written against these names: keep them.
 *
 * @param realPath absolute, symlinks followed: the file that will be replaced or created
 * @param size current bytes, -1 when missing or not a regular file
 * @param mode the mode the file will have, four octal digits ("0644", "4755")
 * @param contentBytes bytes of the new content
 */
public record WriteFile(
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
