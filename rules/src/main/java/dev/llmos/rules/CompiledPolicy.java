package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.definition.KiePackage;
import org.kie.internal.conf.ConstraintJittingThresholdOption;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * a policy compiled once and shared by every {@link DroolsPolicy} with the same digest. the kie base
 * is immutable after construction and safe for concurrent sessions.
 *
 * @param packages what the kie base was made of, kept for the disk cache
 * @param warnings the compiler's warnings (the loader adds its own text checks)
 * @param jitDisabled constraint jitting is off (the policy uses {@code str[...]})
 */
record CompiledPolicy(
        String digest,
        InternalKnowledgeBase kieBase,
        Collection<KiePackage> packages,
        List<RuleInfo> rules,
        Map<String, RuleInfo> rulesByName,
        List<PolicyProblem> warnings,
        boolean jitDisabled,
        boolean declaresGlobal) {

    static CompiledPolicy of(String digest, Collection<KiePackage> packages, List<RuleInfo> rules,
                             List<PolicyProblem> warnings, boolean jitDisabled, ClassLoader classLoader) {
        KieBaseConfiguration conf = RuleBaseFactory.newKnowledgeBaseConfiguration(null, classLoader);
        if (jitDisabled) {
            // drools-mvel 10.2.0 throws NoSuchMethodError from jitted str[...] constraints (kie-drools #6711)
            conf.setOption(ConstraintJittingThresholdOption.get(-1));
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase("llmos-" + digest.substring(0, 12), conf);
        kieBase.addPackages(packages);
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        rules.forEach(r -> byName.put(r.qualifiedName(), r));
        boolean global = packages.stream()
                .anyMatch(p -> ((InternalKnowledgePackage) p).getGlobals().containsKey(DroolsPolicy.GLOBAL));
        return new CompiledPolicy(digest, kieBase, List.copyOf(packages), List.copyOf(rules), Map.copyOf(byName),
                List.copyOf(warnings), jitDisabled, global);
    }
}
