/**
 * move_mouse and click_mouse: the pointer of an x display, driven with xdotool. on wayland the
 * same would be ydotool (mousemove, click); this package speaks x11 only.
 */
package dev.llmos.actions.mouse;
