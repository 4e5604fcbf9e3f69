package dev.llmos.actions.firmware;

import java.util.List;

/**
 * a {@code read_dmi} action's own fields.
 *
 * @param types dmidecode type keywords (bios, system, memory, ...) or numbers; null or empty for all
 */
public record ReadDmiParams(List<String> types) {
}
