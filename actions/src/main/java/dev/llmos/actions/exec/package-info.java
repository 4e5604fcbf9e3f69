/** exec: argv-only process execution with a scrubbed environment, timeouts and process-group kills. */
package dev.llmos.actions.exec;
