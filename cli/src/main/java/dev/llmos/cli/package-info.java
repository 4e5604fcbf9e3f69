/** composition root: llmsh and llm-osd. */
package dev.llmos.cli;
