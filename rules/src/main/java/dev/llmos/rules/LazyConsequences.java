package dev.llmos.rules;

import org.drools.base.base.ValueResolver;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.base.rule.accessor.Wireable;
import org.drools.base.rule.consequence.Consequence;
import org.drools.core.rule.consequence.KnowledgeHelper;
import org.drools.mvel.MVELDialectRuntimeData;
import org.drools.mvel.expr.MVELCompileable;
import org.drools.mvel.expr.MVELConsequence;
import org.kie.api.definition.KiePackage;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * then-blocks compiled by mvel when they first fire rather than when the kie base is built (decision
 * 0028). a kie base made from deserialized packages compiles every consequence again
 * ({@code MVELDialectRuntimeData.onBeforeExecute}), about half its build in a fresh jvm, while a
 * plan fires a handful of rules. only for packages read from the disk cache: the same text compiled
 * when the cache was filled, against the same fact classes (the header's hashes), so a first firing
 * cannot meet a compile error the build did not.
 */
final class LazyConsequences {

    private static final Field INVOKERS = invokers();

    private LazyConsequences() {
    }

    /** wraps every mvel consequence of the packages; false when drools' internals are not as expected. */
    static boolean install(Collection<KiePackage> packages) {
        if (INVOKERS == null) {
            return false;
        }
        for (KiePackage p : packages) {
            DialectRuntimeData data = ((InternalKnowledgePackage) p).getDialectRuntimeRegistry().getDialectData("mvel");
            if (!(data instanceof MVELDialectRuntimeData mvel)) {
                continue;
            }
            Map<Wireable, List<MVELCompileable>> lookups = lookups(mvel);
            for (Map.Entry<Wireable, List<MVELCompileable>> e : lookups.entrySet()) {
                if (e.getKey() instanceof RuleImpl) {
                    e.getValue().replaceAll(c -> c instanceof MVELConsequence consequence ? new Lazy(consequence) : c);
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<Wireable, List<MVELCompileable>> lookups(MVELDialectRuntimeData data) {
        try {
            return (Map<Wireable, List<MVELCompileable>>) INVOKERS.get(data);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read drools' mvel invokers", e);
        }
    }

    private static Field invokers() {
        try {
            Field f = MVELDialectRuntimeData.class.getDeclaredField("invokerLookups");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** wired into the rule in place of the consequence; compiles it on the first firing, once. */
    static final class Lazy implements Consequence<KnowledgeHelper>, MVELCompileable {

        private final MVELConsequence consequence;
        private MVELDialectRuntimeData data;
        private volatile boolean compiled;

        Lazy(MVELConsequence consequence) {
            this.consequence = consequence;
        }

        @Override
        public void compile(MVELDialectRuntimeData runtimeData) {
            this.data = runtimeData;
        }

        @Override
        public void compile(MVELDialectRuntimeData runtimeData, RuleImpl rule) {
            // drools calls the one-argument form when it wires; this one compiles right away, as mvel would
            consequence.compile(runtimeData, rule);
            this.data = runtimeData;
            this.compiled = true;
        }

        @Override
        public String getName() {
            return consequence.getName();
        }

        @Override
        public void evaluate(KnowledgeHelper helper, ValueResolver resolver) throws Exception {
            if (!compiled) {
                synchronized (this) {
                    if (!compiled) {
                        consequence.compile(data);
                        compiled = true;
                    }
                }
            }
            consequence.evaluate(helper, resolver);
        }
    }
}
