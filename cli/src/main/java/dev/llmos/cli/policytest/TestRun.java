package dev.llmos.cli.policytest;

import dev.llmos.rules.RuleInfo;

import java.util.List;
import java.util.Set;

/**
 * everything one {@code policy test} run found.
 *
 * @param fired the id of every rule that fired in some case
 * @param rules every rule of the policy, for coverage
 */
public record TestRun(String policyDir, String policyDigest, List<CaseResult> results, Set<String> fired, List<RuleInfo> rules) {

    public TestRun {
        results = List.copyOf(results);
        fired = Set.copyOf(fired);
        rules = List.copyOf(rules);
    }

    public long count(CaseResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public boolean passed() {
        return results.stream().allMatch(r -> r.status() == CaseResult.Status.PASS);
    }

    /** rules that fired in no case, in file and line order. */
    public List<RuleInfo> notFired() {
        return rules.stream().filter(r -> !fired.contains(r.id())).toList();
    }

    /** share of the policy's rules that fired in some case, in percent; 100 for a policy without rules. */
    public double coveragePercent() {
        if (rules.isEmpty()) {
            return 100.0;
        }
        return 100.0 * (rules.size() - notFired().size()) / rules.size();
    }
}
