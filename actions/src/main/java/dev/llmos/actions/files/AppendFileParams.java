package dev.llmos.actions.files;

/**
 * an {@code append_file} action's own fields.
 *
 * @param path absolute path; created with mode 0644 when missing
 * @param content utf-8 text added at the end
 */
public record AppendFileParams(String path, String content) {
}
