package dev.llmos.actions.keyboard;

/**
 * a {@code type_text} action's own fields.
 *
 * @param text what to type, as if on the keyboard; a newline presses Return
 * @param delayMs pause between keystrokes, or null for xdotool's 12 ms
 * @param display the local x display (":0"), or null for llm-os's DISPLAY
 */
public record TypeTextParams(String text, Integer delayMs, String display) {
}
