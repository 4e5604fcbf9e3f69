package dev.llmos.actions.files;

/**
 * a {@code write_file} action's own fields.
 *
 * @param path absolute path; symlinks are followed and the file they lead to is replaced
 * @param content the complete new content, as utf-8 text
 * @param mode octal permissions such as "0644", or null to keep the existing file's (0644 when new)
 */
public record WriteFileParams(String path, String content, String mode) {
}
