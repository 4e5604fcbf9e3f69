/**
 * type_text and press_keys: the keyboard of an x display, driven with xdotool. on wayland the same
 * would be wtype or ydotool; this package speaks x11 only.
 */
package dev.llmos.actions.keyboard;
