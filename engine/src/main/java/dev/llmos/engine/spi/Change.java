package dev.llmos.engine.spi;

/**
 * one thing an action changed on the host.
 *
 * @param kind created, modified, appended, deleted, restored
 * @param backup where the previous content was kept, if anywhere
 */
public record Change(String kind, String path, Long bytesBefore, Long bytesAfter, String backup) {
}
