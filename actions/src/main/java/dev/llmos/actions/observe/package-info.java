/**
 * observe: read-only measurements of the host from /proc and the filesystems (pressure stall
 * information, load, memory, disk usage, top processes, one process's scheduling), returned as
 * structured numbers.
 */
package dev.llmos.actions.observe;
