package dev.llmos.actions.keyboard;

/**
 * a {@code press_keys} action's own fields.
 *
 * @param keys one key combination in xdotool's keysym names: "ctrl+s", "Return", "alt+F4"
 * @param repeat how many times to press it, or null for once
 * @param display the local x display (":0"), or null for llm-os's DISPLAY
 */
public record PressKeysParams(String keys, Integer repeat, String display) {
}
