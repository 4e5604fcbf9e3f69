package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.engine.registry.ActionRegistry;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code llmsh policy check}: everything wrong with a policy directory without loading it for use.
 * errors are what stops a load; warnings are legal drl that is probably not what the admin meant.
 */
public final class PolicyCheck {

    private static final Pattern VERDICT = Pattern.compile("\\b" + DroolsPolicy.GLOBAL + "\\s*\\.\\s*(allow|confirm|deny)\\s*\\(");
    private static final Pattern RECORDS = Pattern.compile("\\b" + DroolsPolicy.GLOBAL
            + "\\s*\\.\\s*(require\\w*|undo|recover\\w*|limit\\w*|grant\\w*|allowUnconfined)\\s*\\(");

    private PolicyCheck() {
    }

    /** with the thread's context class loader, which must see the action fact classes. */
    public static List<PolicyProblem> check(Path dir) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return check(dir, context != null ? context : PolicyCheck.class.getClassLoader());
    }

    public static List<PolicyProblem> check(Path dir, ClassLoader classLoader) {
        return check(dir, classLoader, null);
    }

    /**
     * also warns about rules that match a fact policy never inserts or name an action type that
     * {@code registry} does not have.
     */
    public static List<PolicyProblem> check(Path dir, ActionRegistry registry) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return check(dir, context != null ? context : PolicyCheck.class.getClassLoader(), registry);
    }

    /** @param registry the action kinds this build has, or null to skip the fact type checks */
    public static List<PolicyProblem> check(Path dir, ClassLoader classLoader, ActionRegistry registry) {
        PolicySources sources;
        try {
            sources = PolicySources.read(dir);
        } catch (PolicyLoadException e) {
            return e.problems();
        }
        PolicyCompiler.Result compiled = PolicyCompiler.compile(sources, classLoader);
        List<PolicyProblem> out = new ArrayList<>(compiled.problems());
        FactTypeCheck facts = registry == null ? null : new FactTypeCheck(registry);
        if (facts != null && compiled.ok()) {
            Map<String, RuleInfo> byName = new LinkedHashMap<>();
            compiled.rules().forEach(r -> byName.put(r.qualifiedName(), r));
            out.addAll(facts.patterns(compiled.packages(), byName));
        }
        Map<String, String> firstId = new LinkedHashMap<>();
        Map<String, String> firstName = new LinkedHashMap<>();
        for (PolicySources.PolicyFile file : sources.files()) {
            out.addAll(DrlText.strOperators(file.path(), file.text()));
            String code = DrlText.withoutComments(file.text());
            for (RuleDescr rule : parse(file.text())) {
                out.addAll(ruleWarnings(file.path(), rule, firstId, firstName));
                if (facts != null && rule.getStartCharacter() >= 0 && rule.getEndCharacter() <= code.length()) {
                    String text = code.substring(rule.getStartCharacter(), Math.max(rule.getStartCharacter(), rule.getEndCharacter()));
                    int line = DrlText.lineOf(code, rule.getStartCharacter());
                    out.addAll(facts.typeNames(file.path(), line, rule.getName(), text));
                }
            }
        }
        // drools already rejects a name used twice in one package; one message is enough
        List<PolicyProblem> errors = out.stream().filter(PolicyProblem::error).toList();
        out.removeIf(p -> !p.error() && p.message().contains(" is also used at ")
                && errors.stream().anyMatch(e -> e.file().equals(p.file()) && e.line() == p.line()));
        List<String> order = sources.files().stream().map(PolicySources.PolicyFile::path).toList();
        out.sort(Comparator.<PolicyProblem>comparingInt(p -> order.indexOf(p.file()))
                .thenComparingInt(PolicyProblem::line)
                .thenComparing(PolicyProblem::message));
        return List.copyOf(out);
    }

    private static List<PolicyProblem> ruleWarnings(String file, RuleDescr rule, Map<String, String> firstId,
                                                    Map<String, String> firstName) {
        List<PolicyProblem> out = new ArrayList<>();
        String id = annotation(rule, "id");
        String key = id != null ? id : rule.getName();
        String where = file + ":" + rule.getLine();
        String previous = firstId.putIfAbsent(key, where);
        if (previous != null) {
            out.add(warning(file, rule, "rule " + (id != null ? "id" : "name") + " \"" + key + "\" is also used at " + previous
                    + "; decisions would not say which of the two rules decided"));
        }
        String previousName = firstName.putIfAbsent(rule.getName(), where);
        if (previousName != null && id != null && previous == null) {
            // ids differ, so decisions stay clear; still, people find and discuss rules by name
            out.add(warning(file, rule, "rule name \"" + rule.getName() + "\" is also used at " + previousName
                    + "; give each rule its own name so reviews and logs are unambiguous"));
        }
        String then = rule.getConsequence() == null ? "" : DrlText.withoutComments(rule.getConsequence().toString());
        if (!VERDICT.matcher(then).find() && !RECORDS.matcher(then).find()) {
            out.add(warning(file, rule, "rule \"" + rule.getName() + "\" records nothing: its then block calls none of "
                    + DroolsPolicy.GLOBAL + ".allow/confirm/deny (nor a precondition, recovery step or scope grant)"));
        }
        if (annotation(rule, "justification") == null) {
            out.add(warning(file, rule, "rule \"" + rule.getName() + "\" has no @justification to show the person who confirms"));
        }
        return out;
    }

    private static PolicyProblem warning(String file, RuleDescr rule, String message) {
        return new PolicyProblem(file, rule.getLine(), 0, message, false);
    }

    private static String annotation(RuleDescr rule, String name) {
        AnnotationDescr a = rule.getAnnotation(name);
        if (a == null || a.getSingleValue() == null) {
            return null;
        }
        return AnnotationDescr.unquote(a.getSingleValue().toString());
    }

    /** the compiler already reported a file that does not parse; here it just has no rules. */
    private static List<RuleDescr> parse(String text) {
        try {
            DrlParser parser = new DrlParser();
            PackageDescr pkg = parser.parse(false, text);
            return pkg == null || parser.hasErrors() ? List.of() : pkg.getRules();
        } catch (DroolsParserException | RuntimeException e) {
            return List.of();
        }
    }
}
