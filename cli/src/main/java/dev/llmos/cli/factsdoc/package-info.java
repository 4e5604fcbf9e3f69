/** {@code llmsh policy facts}: the reference of what rules can see and record, generated from the classes themselves. */
package dev.llmos.cli.factsdoc;
