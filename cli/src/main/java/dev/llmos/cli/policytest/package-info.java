/** {@code llmsh policy test}: yaml test suites for a policy, decided with the real pipeline, reported like opa test. */
package dev.llmos.cli.policytest;
