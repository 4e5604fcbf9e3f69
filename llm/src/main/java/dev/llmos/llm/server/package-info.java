/** a local model server started on the first request, kept warm, then stopped with its process tree. */
package dev.llmos.llm.server;
