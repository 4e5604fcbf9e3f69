/** read_file, write_file and append_file: atomic, backed-up file changes that can be undone. */
package dev.llmos.actions.files;
