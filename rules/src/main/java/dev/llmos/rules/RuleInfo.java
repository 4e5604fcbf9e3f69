package dev.llmos.rules;

/**
 * one rule of a loaded policy, for explain and coverage tooling.
 *
 * @param id the rule's {@code @id}, or its name when it has none
 * @param file the admin's file, relative to the policy directory
 * @param line where the rule starts in that file, 0 when unknown
 * @param justification the rule's {@code @justification}, or null
 */
public record RuleInfo(String id, String name, String packageName, String file, int line, String justification) {

    String qualifiedName() {
        return qualified(packageName, name);
    }

    static String qualified(String packageName, String name) {
        return packageName + "/" + name;
    }
}
