/** process_control: signal or renice processes named by pid or exact name, never init or the daemon itself. */
package dev.llmos.actions.process;
