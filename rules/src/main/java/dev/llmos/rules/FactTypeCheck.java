package dev.llmos.rules;

import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * rules written against something policy never sees: a class that is never inserted (an action
 * kind this build does not have, or a helper record), or an action type name no handler declares.
 * both compile, and both make a rule that silently never fires.
 */
final class FactTypeCheck {

    /** {@code type == "x"}, {@code type != "x"}, {@code types contains "x"}: an action kind by its wire name. */
    private static final java.util.regex.Pattern TYPE_NAME = java.util.regex.Pattern.compile(
            "\\btypes?\\s*(?:==|!=|(?:not\\s+)?contains)\\s*\"([^\"]*)\"");

    private final Map<Class<?>, String> inserted = new LinkedHashMap<>();
    private final Set<String> actionTypes;

    FactTypeCheck(ActionRegistry registry) {
        inserted.put(PlanFact.class, "the plan");
        inserted.put(Requester.class, "the requester");
        inserted.put(HostFacts.class, "the host");
        inserted.put(dev.llmos.rules.catalog.PolicyCatalog.class, "the catalogues");
        for (ActionSpec<?> spec : registry.specs()) {
            inserted.put(spec.factType(), spec.type());
        }
        this.actionTypes = registry.types();
    }

    /** warnings for compiled rules whose working-memory patterns match a class policy never inserts. */
    List<PolicyProblem> patterns(Collection<KiePackage> packages, Map<String, RuleInfo> rulesByName) {
        List<PolicyProblem> out = new ArrayList<>();
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl)) {
                    continue;
                }
                Set<Class<?>> matched = new LinkedHashSet<>();
                collect(impl.getLhs(), matched);
                RuleInfo info = rulesByName.get(RuleInfo.qualified(rule.getPackageName(), rule.getName()));
                for (Class<?> type : matched) {
                    if (!seen(type)) {
                        out.add(new PolicyProblem(info == null ? "" : info.file(), info == null ? 0 : info.line(), 0,
                                "rule \"" + rule.getName() + "\" matches " + type.getSimpleName()
                                        + ", which policy never inserts, so the rule never fires; facts are "
                                        + known(), false));
                    }
                }
            }
        }
        return out;
    }

    /** warnings for action type names in a rule's text (comments already blanked) that no handler declares. */
    List<PolicyProblem> typeNames(String file, int firstLine, String ruleName, String code) {
        List<PolicyProblem> out = new ArrayList<>();
        Matcher m = TYPE_NAME.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            if (!actionTypes.contains(name)) {
                out.add(new PolicyProblem(file, firstLine + DrlText.lineOf(code, m.start()) - 1, 0,
                        "rule \"" + ruleName + "\" names action type \"" + name + "\", which no action has (known: "
                                + String.join(", ", actionTypes) + ")", false));
            }
        }
        return out;
    }

    /** a pattern on an interface or supertype (ActionFact, Object) sees the facts that implement it. */
    private boolean seen(Class<?> type) {
        if (type.getName().startsWith("org.drools.") || type.getName().startsWith("org.kie.")) {
            return true;
        }
        return inserted.keySet().stream().anyMatch(type::isAssignableFrom);
    }

    private String known() {
        List<String> names = new ArrayList<>();
        inserted.forEach((type, what) -> names.add(type.getSimpleName() + " (" + what + ")"));
        return String.join(", ", names);
    }

    /**
     * patterns with a {@code from} source match values, not working memory, so only sourceless ones
     * count; an accumulate's inner patterns are sourceless again and are reached through the nesting.
     */
    private static void collect(RuleConditionElement element, Set<Class<?>> out) {
        if (element instanceof Pattern pattern && pattern.getSource() == null
                && pattern.getObjectType() instanceof ClassObjectType type) {
            out.add(type.getClassType());
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            collect(nested, out);
        }
    }
}
