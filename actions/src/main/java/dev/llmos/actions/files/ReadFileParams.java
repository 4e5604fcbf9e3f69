package dev.llmos.actions.files;

/**
 * a {@code read_file} action's own fields.
 *
 * @param path absolute path of a regular file
 * @param maxBytes the most bytes to return, or null for the default
 */
public record ReadFileParams(String path, Integer maxBytes) {
}
