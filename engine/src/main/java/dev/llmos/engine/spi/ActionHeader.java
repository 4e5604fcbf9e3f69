package dev.llmos.engine.spi;

/**
 * the fields every action carries, whatever its type.
 *
 * @param index position in the plan, from 0; rules use it to relate steps ("written, then executed")
 */
public record ActionHeader(String id, int index, String type, String reason, Danger danger) {
}
