package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
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
            + "\\s*\\.\\s*(require\\w*|undo|recover\\w*)\\s*\\(");

    private PolicyCheck() {
    }

    /** with the thread's context class loader, which must see the action fact classes. */
    public static List<PolicyProblem> check(Path dir) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return check(dir, context != null ? context : PolicyCheck.class.getClassLoader());
    }

    public static List<PolicyProblem> check(Path dir, ClassLoader classLoader) {
        PolicySources sources;
        try {
            sources = PolicySources.read(dir);
        } catch (PolicyLoadException e) {
            return e.problems();
        }
        List<PolicyProblem> out = new ArrayList<>(PolicyCompiler.compile(sources, classLoader).problems());
        Map<String, String> firstUse = new LinkedHashMap<>();
        for (PolicySources.PolicyFile file : sources.files()) {
            out.addAll(DrlText.strOperators(file.path(), file.text()));
            for (RuleDescr rule : parse(file.text())) {
                out.addAll(ruleWarnings(file.path(), rule, firstUse));
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

    private static List<PolicyProblem> ruleWarnings(String file, RuleDescr rule, Map<String, String> firstUse) {
        List<PolicyProblem> out = new ArrayList<>();
        String id = annotation(rule, "id");
        String key = id != null ? id : rule.getName();
        String where = file + ":" + rule.getLine();
        String previous = firstUse.putIfAbsent(key, where);
        if (previous != null) {
            out.add(warning(file, rule, "rule " + (id != null ? "id" : "name") + " \"" + key + "\" is also used at " + previous
                    + "; decisions would not say which of the two rules decided"));
        }
        String then = rule.getConsequence() == null ? "" : DrlText.withoutComments(rule.getConsequence().toString());
        if (!VERDICT.matcher(then).find() && !RECORDS.matcher(then).find()) {
            out.add(warning(file, rule, "rule \"" + rule.getName() + "\" records nothing: its then block calls none of "
                    + DroolsPolicy.GLOBAL + ".allow/confirm/deny (nor a precondition or recovery step)"));
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
