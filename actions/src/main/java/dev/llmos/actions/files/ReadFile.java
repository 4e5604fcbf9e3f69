package dev.llmos.actions.files;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code read_file} action. rules are written against these names: keep them.
 *
 * @param path as planned
 * @param realPath absolute, symlinks followed: what will actually be read
 * @param topDir first component of realPath ("/etc")
 * @param owner user name of the owner, null when missing
 * @param size bytes of a regular file, -1 otherwise
 * @param maxBytes the most bytes that will be returned
 */
public record ReadFile(
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
        int maxBytes) implements ActionFact {
}
