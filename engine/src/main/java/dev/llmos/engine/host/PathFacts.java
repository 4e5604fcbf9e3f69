package dev.llmos.engine.host;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * a path as the executor will meet it.
 *
 * @param path as written in the plan
 * @param realPath absolute, normalised, every existing symlink followed; for a path that does not
 *                 exist yet, its nearest existing ancestor resolved and the rest appended
 * @param topDir the first component of {@code realPath} ("/etc", "/home"), "/" for the root itself
 * @param symlink whether {@code path} itself, or one of its ancestors, was a symlink
 * @param owner owner's user name, or null when the path does not exist
 * @param size bytes for a regular file, -1 otherwise
 * @param id the inode {@code realPath} named when this was resolved (not followed), null when missing
 * @param parentId the inode of {@code realPath}'s parent directory then, null when missing; file
 *                 actions act on these very objects or refuse
 */
public record PathFacts(
        String path,
        String realPath,
        String topDir,
        boolean exists,
        boolean directory,
        boolean symlink,
        String owner,
        long size,
        @JsonIgnore FileId id,
        @JsonIgnore FileId parentId) {

    /** facts without identities, as a client or a test writes them. */
    public PathFacts(String path, String realPath, String topDir, boolean exists, boolean directory, boolean symlink,
                     String owner, long size) {
        this(path, realPath, topDir, exists, directory, symlink, owner, size, null, null);
    }
}
