package dev.llmos.actions.screen;

/**
 * a {@code take_screenshot} action's own fields.
 *
 * @param path absolute path of the png to create; it must not exist yet
 * @param display the local x display (":0"), or null for llm-os's DISPLAY
 */
public record TakeScreenshotParams(String path, String display) {
}
