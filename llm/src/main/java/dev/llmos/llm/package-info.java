/**
 * the planner (issue 5): a person's words become a validated plan through any openai-compatible
 * server. {@link dev.llmos.llm.Planner} is the entry point; it only proposes, never executes.
 */
package dev.llmos.llm;
