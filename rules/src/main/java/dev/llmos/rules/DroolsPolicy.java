package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.rules.catalog.CatalogLoader;
import dev.llmos.rules.catalog.PolicyCatalog;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * the engine's policy port on drools: the .drl files of a directory compiled once (see
 * {@link PolicyCache}) and evaluated in a fresh session per request, so concurrent requests share
 * nothing but the immutable kie base.
 */
public final class DroolsPolicy implements PolicyEngine {

    /** the global every .drl declares: {@code global dev.llmos.rules.PolicyActions policy;} */
    public static final String GLOBAL = "policy";

    /** rules only record, so a plan needs few firings; this many means rules re-trigger each other. */
    static final int MAX_FIRINGS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(DroolsPolicy.class);

    private final CompiledPolicy compiled;
    private final List<PolicyProblem> warnings;
    private final PolicyCatalog catalog;
    private final String digest;

    private DroolsPolicy(CompiledPolicy compiled, List<PolicyProblem> warnings, PolicyCatalog catalog, String digest) {
        this.compiled = compiled;
        this.warnings = List.copyOf(warnings);
        this.catalog = catalog;
        this.digest = digest;
    }

    /** loads with the thread's context class loader, which must see the action fact classes. */
    public static DroolsPolicy load(Path policyDir, PolicyCache cache) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return load(policyDir, cache, context != null ? context : DroolsPolicy.class.getClassLoader());
    }

    /**
     * @throws PolicyLoadException when the directory is missing, holds no .drl file or a file does
     *                             not compile; its problems name the admin's file and line
     */
    public static DroolsPolicy load(Path policyDir, PolicyCache cache, ClassLoader classLoader) {
        PolicySources sources = PolicySources.read(policyDir);
        // catalogues first: they are quick to check, and a bad one stops the load like a bad rule
        List<CatalogLoader.CatalogFile> catalogFiles = CatalogLoader.files(sources.dir());
        PolicyCatalog catalog = cache.catalog(catalogFiles, classLoader);
        List<PolicyProblem> textWarnings = new ArrayList<>();
        for (PolicySources.PolicyFile file : sources.files()) {
            textWarnings.addAll(DrlText.strOperators(file.path(), file.text()));
        }
        CompiledPolicy compiled = cache.get(sources, classLoader, !textWarnings.isEmpty());
        List<PolicyProblem> warnings = new ArrayList<>(compiled.warnings());
        warnings.addAll(textWarnings);
        warnings.forEach(w -> LOG.warn("policy {}: {}", policyDir, w));
        LOG.debug("policy {} loaded: {} rules from {} files, digest {}", policyDir, compiled.rules().size(),
                sources.files().size(), compiled.digest());
        return new DroolsPolicy(compiled, warnings, catalog, digest(compiled.digest(), catalogFiles));
    }

    @Override
    public List<RuleOutput> evaluate(PolicyRequest request) {
        return trace(request).outputs();
    }

    /** evaluates and also reports every rule that fired, for explain and coverage. */
    public Evaluation trace(PolicyRequest request) {
        Recorder recorder = new Recorder(compiled.rulesByName());
        KieSession session = compiled.kieBase().newKieSession();
        try {
            session.addEventListener(recorder);
            if (compiled.declaresGlobal()) {
                session.setGlobal(GLOBAL, new PolicyActions(recorder));
            }
            // a fixed insertion order keeps firing order, and so the output, the same for the same request
            session.insert(catalog);
            if (request.plan() != null) {
                session.insert(PlanFact.of(request.plan()));
            }
            if (request.requester() != null) {
                session.insert(request.requester());
            }
            if (request.host() != null) {
                session.insert(request.host());
            }
            for (ActionFact fact : request.facts()) {
                insert(session, fact);
            }
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new PolicyEvaluationException("policy rules fired " + fired
                        + " times for one plan; rules that insert or modify facts keep re-triggering each other", null);
            }
        } catch (PolicyEvaluationException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // a linkage error is how drools' own jit bugs surface (see DrlText.STR_WARNING)
            throw new PolicyEvaluationException("policy evaluation failed: " + e, e);
        } finally {
            session.dispose();
        }
        return new Evaluation(recorder.outputs(), recorder.fired());
    }

    /** a fact and the parts it is made of (the commands inside a shell script), each decided under the action's id. */
    private static void insert(KieSession session, ActionFact fact) {
        session.insert(fact);
        for (ActionFact part : fact.parts()) {
            insert(session, part);
        }
    }

    @Override
    public String digest() {
        return digest;
    }

    /** the catalogues beside the rules (catalog/*.yaml); empty when the policy has none. */
    @Override
    public PolicyCatalog catalog() {
        return catalog;
    }

    /** the rules' digest, or with catalogues a digest over both, so audit entries name the whole policy. */
    private static String digest(String rules, List<CatalogLoader.CatalogFile> catalogs) {
        if (catalogs.isEmpty()) {
            return rules;
        }
        StringBuilder in = new StringBuilder(rules).append('\n');
        for (CatalogLoader.CatalogFile f : catalogs) {
            in.append(f.path().length()).append(':').append(f.path()).append('\n')
                    .append(f.text().length()).append(':').append(f.text()).append('\n');
        }
        return Sha256.hex(in.toString());
    }

    /** every rule, in file and line order. */
    public List<RuleInfo> rules() {
        return compiled.rules();
    }

    /** what the compiler and the loader's own checks warned about; the policy runs regardless. */
    public List<PolicyProblem> warnings() {
        return warnings;
    }

    /**
     * for each class some rule matches in working memory, the ids of those rules: which action kinds
     * the policy decides at all (the capability check uses it).
     */
    public Map<Class<?>, List<String>> rulesByFact() {
        Map<Class<?>, List<String>> out = new LinkedHashMap<>();
        for (KiePackage pkg : compiled.packages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo info = compiled.rulesByName().get(RuleInfo.qualified(rule.getPackageName(), rule.getName()));
                for (Class<?> type : FactTypeCheck.matched(rule)) {
                    out.computeIfAbsent(type, t -> new ArrayList<>()).add(info == null ? rule.getName() : info.id());
                }
            }
        }
        return out;
    }

    CompiledPolicy compiled() {
        return compiled;
    }
}
