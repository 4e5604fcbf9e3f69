/**
 * list_outputs and take_screenshot: the screens of an x display, read with xrandr and captured with
 * imagemagick's import. on wayland the same would be wlr-randr and grim; this package speaks x11 only.
 */
package dev.llmos.actions.screen;
