package dev.llmos.actions.observe;

/**
 * an {@code observe} action's own fields. only {@code what} is always needed; the others refine
 * one kind of measurement each and are refused with any other.
 */
public record ObserveParams(String what, Integer pid, String by, Integer limit, Integer sampleMs, String path) {
}
