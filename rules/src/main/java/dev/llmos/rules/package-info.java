/** the drools adapter behind the engine's policy port. */
package dev.llmos.rules;
