/** the model seam: an openai-compatible client through langchain4j, and record/replay of its answers. */
package dev.llmos.llm.client;
