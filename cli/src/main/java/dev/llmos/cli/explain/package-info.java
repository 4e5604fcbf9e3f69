/** {@code llmsh policy explain}: every rule that matched each action of a plan, and why the decision won. */
package dev.llmos.cli.explain;
