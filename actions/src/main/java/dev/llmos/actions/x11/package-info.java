/** what the x11 capabilities (keyboard, mouse, screen) share: which display, and running an x client on it. */
package dev.llmos.actions.x11;
