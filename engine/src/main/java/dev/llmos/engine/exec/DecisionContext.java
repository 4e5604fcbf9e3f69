package dev.llmos.engine.exec;

import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Lookups;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.PathResolver;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Limits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * the fact context of one decision: each path is resolved once (facts and the protected-path
 * check see the same answer, and a path named by several actions costs one lookup), and each
 * action's resolved paths are kept, so execution can act on exactly those objects.
 */
final class DecisionContext implements FactContext {

    private final PathResolver resolver;
    private final HostFacts host;
    private final Requester requester;
    private final Limits limits;
    private final Map<String, PathFacts> resolved = new HashMap<>();
    // what the file system said during this decision: shared components are asked once
    private final Lookups lookups = new Lookups();
    private final Map<String, List<PathFacts>> byAction = new LinkedHashMap<>();
    private final Map<String, Object> answers = new HashMap<>();
    private List<PathFacts> current = new ArrayList<>();

    DecisionContext(PathResolver resolver, HostFacts host, Requester requester, Limits limits) {
        this.resolver = resolver;
        this.host = host;
        this.requester = requester;
        this.limits = limits;
    }

    /** from now on, resolved paths belong to {@code actionId}. */
    void action(String actionId) {
        current = byAction.computeIfAbsent(actionId, id -> new ArrayList<>());
    }

    Map<String, List<PathFacts>> byAction() {
        return byAction;
    }

    @Override
    public PathFacts path(String path) {
        PathFacts facts = resolved.computeIfAbsent(path, p -> resolver.resolve(p, lookups));
        // one object per path in a decision, so identity is equality here, without comparing every field
        for (PathFacts known : current) {
            if (known == facts) {
                return facts;
            }
        }
        current.add(facts);
        return facts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T once(String key, java.util.function.Supplier<T> work) {
        if (answers.containsKey(key)) {
            return (T) answers.get(key);
        }
        T answer = work.get();
        answers.put(key, answer);
        return answer;
    }

    @Override
    public HostFacts host() {
        return host;
    }

    @Override
    public Requester requester() {
        return requester;
    }

    @Override
    public Limits limits() {
        return limits;
    }
}
