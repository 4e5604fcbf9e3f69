/** libc calls through jna, shared by the handlers that need them. */
package dev.llmos.actions.posix;
