/** the planner (issue 5): prompt kernel, openai-compatible client, strict json-schema output, replay. */
package dev.llmos.llm;
