/** built-in action handlers, one package per capability. */
package dev.llmos.actions;
