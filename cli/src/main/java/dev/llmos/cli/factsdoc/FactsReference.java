package dev.llmos.cli.factsdoc;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.policy.Decider;
import dev.llmos.engine.policy.DiskFree;
import dev.llmos.engine.policy.PathExists;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.ProtectedPaths;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.rules.Help;
import dev.llmos.rules.PlanFact;
import dev.llmos.rules.PolicyActions;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * everything a rule can see and record, read from the classes: the facts in working memory (each
 * action kind's fact record from the registry, the plan, the requester, the host), the {@code policy}
 * global's methods, verdicts, precondition kinds and recovery step kinds. nothing here is written by
 * hand, so the reference cannot drift from the code.
 */
public record FactsReference(List<Fact> facts, List<Call> calls, List<String> verdicts, List<String> builtinRules,
                             List<Kind> preconditions, List<Kind> recovery) {

    /** a record in working memory. @param action the action type it stands for, or null */
    public record Fact(String name, String className, String action, String summary, List<Field> fields) {
    }

    public record Field(String name, String type) {
    }

    /** a method of the {@code policy} global. */
    public record Call(String signature, String help) {
    }

    /** a precondition or recovery step kind as it appears on the wire. */
    public record Kind(String kind, String className, List<Field> fields) {
    }

    public static FactsReference of(ActionRegistry registry) {
        List<Fact> facts = new ArrayList<>();
        facts.add(fact(PlanFact.class, null, "the plan as a whole, inserted first"));
        facts.add(fact(Requester.class, null, "who asked (from the socket's peer credentials, or the process itself)"));
        facts.add(fact(HostFacts.class, null, "the machine"));
        for (ActionSpec<?> spec : registry.specs()) {
            facts.add(fact(spec.factType(), spec.type(), spec.summary()));
        }
        List<Call> calls = Arrays.stream(PolicyActions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic())
                .sorted(Comparator.comparing((Method m) -> order(m.getName())).thenComparing(Method::getName)
                        .thenComparingInt(Method::getParameterCount))
                .map(m -> new Call(signature(m), m.isAnnotationPresent(Help.class) ? m.getAnnotation(Help.class).value() : ""))
                .toList();
        List<String> verdicts = Arrays.stream(Verdict.values()).map(Verdict::wire).toList();
        List<Kind> preconditions = List.of(kind(PathExists.class), kind(DiskFree.class));
        List<Kind> recovery = new ArrayList<>();
        JsonSubTypes names = RecoveryStep.class.getAnnotation(JsonSubTypes.class);
        for (Class<?> step : RecoveryStep.class.getPermittedSubclasses()) {
            String name = Arrays.stream(names.value()).filter(t -> t.value() == step).map(JsonSubTypes.Type::name)
                    .findFirst().orElse(step.getSimpleName());
            recovery.add(new Kind(name, step.getCanonicalName(), fields(step)));
        }
        return new FactsReference(facts, calls, verdicts, List.of(Decider.DEFAULT_DENY_RULE, ProtectedPaths.RULE),
                preconditions, recovery);
    }

    /** the order the policy readme uses: verdicts first, then preconditions, then recovery. */
    private static int order(String method) {
        List<String> known = List.of("allow", "confirm", "deny", "requirePath", "requireDiskFree", "require", "undo", "recoverExec",
                "limitMemory", "limitCpu", "limitPids", "grantWrite", "grantRead", "grantNetwork", "grantRoot", "grantDevice",
                "allowUnconfined");
        // reflection gives methods in no fixed order: unknown ones follow by name, so the reference is stable
        int i = known.indexOf(method);
        return i < 0 ? known.size() : i;
    }

    private static Fact fact(Class<?> type, String action, String summary) {
        return new Fact(type.getSimpleName(), type.getName(), action, summary, fields(type));
    }

    private static List<Field> fields(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        return Arrays.stream(type.getRecordComponents())
                .map((RecordComponent c) -> new Field(c.getName(), typeName(c.getGenericType())))
                .toList();
    }

    private static Kind kind(Class<? extends Precondition> type) {
        return new Kind(instance(type).kind(), type.getName(), fields(type));
    }

    /** a throwaway instance, to ask the kind it reports. */
    private static Precondition instance(Class<? extends Precondition> type) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<? extends Precondition> c = type.getDeclaredConstructor(types);
            Object[] args = Arrays.stream(types).map(FactsReference::zero).toArray();
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the kind of " + type.getName() + ": " + e, e);
        }
    }

    private static Object zero(Class<?> type) {
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    static String signature(Method m) {
        String params = Arrays.stream(m.getParameters())
                .map((Parameter p) -> (p.isVarArgs() ? typeName(p.getType().getComponentType()) + "..." : typeName(p.getParameterizedType()))
                        + " " + p.getName())
                .collect(Collectors.joining(", "));
        return m.getName() + "(" + params + ")";
    }

    static String typeName(Type type) {
        if (type instanceof Class<?> c) {
            return c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return typeName(p.getRawType()) + "<" + Arrays.stream(p.getActualTypeArguments()).map(FactsReference::typeName)
                    .collect(Collectors.joining(", ")) + ">";
        }
        return type.getTypeName();
    }
}
