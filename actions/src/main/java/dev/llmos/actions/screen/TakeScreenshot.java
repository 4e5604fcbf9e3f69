package dev.llmos.actions.screen;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code take_screenshot} action.
 *
 * @param display the display it captures, null when there is none
 * @param path as planned
 * @param realPath absolute, symlinks followed: where the png will be created
 * @param topDir first component of realPath ("/tmp")
 * @param exists whether something is already there (the action then refuses)
 */
public record TakeScreenshot(String id, int index, String type, String reason, String danger, String display,
                             String path, String realPath, String topDir, boolean exists) implements ActionFact {
}
