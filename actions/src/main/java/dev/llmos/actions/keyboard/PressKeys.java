package dev.llmos.actions.keyboard;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of a {@code press_keys} action.
 *
 * @param display the display it will press keys on, null when there is none
 * @param combo the combination lowercased, modifiers as written: "ctrl+alt+backspace"
 * @param key the last key of the combination, lowercased: "backspace"
 * @param modifiers the keys held down for it, lowercased, with "control" spelled "ctrl"
 */
public record PressKeys(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String display,
        String combo,
        String key,
        List<String> modifiers,
        int repeat) implements ActionFact {
}
