package dev.llmos.rules.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * one catalogue file as written (policies/catalog/*.yaml). every key is optional; files merge,
 * and a group or class defined in two files is an error.
 *
 * @param secrets groups of files whose content must not reach the planner or leave the machine
 * @param persistence groups of files that make code run later (logins, timers, hooks)
 * @param control files whose writing (or opening) changes the running kernel or hardware
 * @param sockets other services' unix sockets, masked in confined programs unless a rule grants them
 * @param classes program classes by name (reader, wrapper, interpreter, ...)
 * @param queries read-only forms of programs that can also change things, by program name
 */
record CatalogDocument(
        Map<String, PathGroup> secrets,
        Map<String, PathGroup> persistence,
        Map<String, PathGroup> control,
        Map<String, SocketGroup> sockets,
        Map<String, ProgramClass> classes,
        Map<String, Query> queries) {

    /**
     * @param paths patterns of what the group names (see {@link PathPattern})
     * @param except patterns the group does not name after all (public keys beside private ones)
     * @param dirs directories that mostly hold the group's files: recursive readers are refused there
     */
    record PathGroup(String description, List<String> paths, List<String> except, List<String> dirs) {
    }

    /**
     * @param paths patterns of the sockets (or directories of sockets)
     * @param clients programs (names or globs) that are the services' own clients: a rule may grant
     *                them the sockets
     */
    record SocketGroup(String description, List<String> paths, List<String> clients) {
    }

    /** @param programs names or name globs ({@code mkfs.*}, {@code python3*}) */
    record ProgramClass(String description, List<String> programs) {
    }

    /** see {@link QueryForm}; globs everywhere. */
    record Query(
            String description,
            List<String> subcommands,
            List<String> second,
            List<String> operands,
            @JsonProperty("deny-operands") List<String> denyOperands,
            @JsonProperty("max-operands") Integer maxOperands,
            @JsonProperty("value-options") List<String> valueOptions,
            @JsonProperty("deny-options") List<String> denyOptions,
            @JsonProperty("deny-short") List<String> denyShort,
            @JsonProperty("require-options") List<String> requireOptions) {
    }
}
