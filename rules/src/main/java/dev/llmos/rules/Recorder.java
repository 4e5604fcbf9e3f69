package dev.llmos.rules;

import dev.llmos.engine.policy.RuleOutput;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * collects what one evaluation's rules record. it lives for one session only, so concurrent
 * evaluations never share it; the agenda listener tells it which rule is firing, which is how
 * every output gets its rule id and justification without the admin writing them twice.
 */
final class Recorder extends DefaultAgendaEventListener {

    private final Map<String, RuleInfo> rules;
    private final List<RuleOutput> outputs = new ArrayList<>();
    private final List<String> fired = new ArrayList<>();
    private RuleInfo current;

    Recorder(Map<String, RuleInfo> rules) {
        this.rules = rules;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        RuleInfo info = rules.get(RuleInfo.qualified(rule.getPackageName(), rule.getName()));
        current = info != null ? info : fromMetadata(rule);
        fired.add(current.id());
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        current = null;
    }

    RuleInfo current() {
        if (current == null) {
            throw new IllegalStateException("policy recorded a result outside a rule's then block");
        }
        return current;
    }

    void add(RuleOutput output) {
        outputs.add(output);
    }

    List<RuleOutput> outputs() {
        return List.copyOf(outputs);
    }

    List<String> fired() {
        return List.copyOf(fired);
    }

    /** a rule the compiled policy did not list (it cannot happen with a policy we built); read it live. */
    private static RuleInfo fromMetadata(Rule rule) {
        Object id = rule.getMetaData().get("id");
        Object justification = rule.getMetaData().get("justification");
        return new RuleInfo(id != null ? id.toString() : rule.getName(), rule.getName(), rule.getPackageName(), "", 0,
                justification != null ? justification.toString() : null);
    }
}
