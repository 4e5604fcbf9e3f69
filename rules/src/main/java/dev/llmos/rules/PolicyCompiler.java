package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.rule.Rule;
import org.kie.internal.builder.InternalKieBuilder;
import org.kie.internal.builder.conf.DefaultDialectOption;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * compiles a policy's .drl files with KieFileSystem + KieBuilder (the classic build, mvel dialect) and
 * maps the compiler's messages back to the admin's files.
 */
final class PolicyCompiler {

    /** where the files go inside the KieFileSystem; messages name them relative to src/main/resources. */
    private static final String RESOURCES = "src/main/resources/";
    private static final String FOLDER = "llmos/";
    private static final String KIE_BASE = "llmos";
    private static final Pattern PARSER_PREFIX = Pattern.compile("^\\[ERR \\d+] Line (\\d+):(\\d+) ");
    private static final Pattern ANALYSE = Pattern.compile("^Unable to Analyse Expression (.+?);?: \\[Error");
    private static final AtomicLong BUILDS = new AtomicLong();

    /** the compiled packages, or the problems that stopped the build; warnings in both cases. */
    record Result(Collection<KiePackage> packages, List<RuleInfo> rules, List<PolicyProblem> problems) {

        boolean ok() {
            return problems.stream().noneMatch(PolicyProblem::error);
        }
    }

    private PolicyCompiler() {
    }

    static Result compile(PolicySources sources, ClassLoader classLoader) {
        KieServices ks = KieServices.Factory.get();
        // a fresh release id per build: the kie repository is global, and a reload must not collide
        ReleaseId releaseId = ks.newReleaseId("dev.llmos.policy", "policy-" + sources.digest().substring(0, 16),
                "0.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> adminPath = new HashMap<>();
        for (PolicySources.PolicyFile file : sources.files()) {
            kfs.write(RESOURCES + FOLDER + file.path(), file.text());
            adminPath.put(FOLDER + file.path(), file.path());
            adminPath.put(RESOURCES + FOLDER + file.path(), file.path());
        }
        KieBuilder builder = ((InternalKieBuilder) ks.newKieBuilder(kfs, classLoader)).withKModuleModel(module(ks)).buildAll();
        try {
            List<PolicyProblem> problems = problems(sources, builder.getResults().getMessages(), adminPath);
            if (problems.stream().anyMatch(PolicyProblem::error)) {
                return new Result(List.of(), List.of(), problems);
            }
            InternalKieModule module = (InternalKieModule) builder.getKieModule();
            Collection<KiePackage> packages = module.getKnowledgePackagesForKieBase(KIE_BASE);
            List<PolicyProblem> all = new ArrayList<>(problems);
            all.addAll(globalProblems(sources, packages));
            return new Result(List.copyOf(packages), ruleInfos(sources, packages, adminPath), all);
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * one default kie base, mvel as the default dialect: then blocks can read record components the
     * way constraints do ({@code $a.program}), and the build skips the java compiler. set in code,
     * since writing kmodule.xml would need drools' xml support (and xstream).
     */
    private static KieModuleModel module(KieServices ks) {
        KieModuleModel module = ks.newKieModuleModel();
        module.setConfigurationProperty(DefaultDialectOption.PROPERTY_NAME, "mvel");
        module.newKieBaseModel(KIE_BASE).setDefault(true);
        return module;
    }

    private static List<PolicyProblem> problems(PolicySources sources, List<Message> messages, Map<String, String> adminPath) {
        Map<String, String> texts = new HashMap<>();
        sources.files().forEach(f -> texts.put(f.path(), f.text()));
        List<PolicyProblem> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.getLevel() == Message.Level.INFO) {
                continue;
            }
            String file = m.getPath() == null ? null : adminPath.get(m.getPath());
            String text = m.getText() == null ? "" : m.getText().trim();
            int line = Math.max(m.getLine(), 0);
            int column = Math.max(m.getColumn(), 0);
            Matcher prefix = PARSER_PREFIX.matcher(text);
            if (prefix.find()) {
                line = Integer.parseInt(prefix.group(1));
                column = Integer.parseInt(prefix.group(2)) + 1;
                text = text.substring(prefix.end());
            }
            text = oneLine(text);
            if (file != null) {
                line = expressionLine(texts.get(file), text, line);
            }
            out.add(new PolicyProblem(file != null ? file : sources.dir().toString(), line, column, text,
                    m.getLevel() == Message.Level.ERROR));
        }
        // "parser returned a null package" only repeats that the file did not parse
        out.removeIf(p -> p.message().equals("Parser returned a null Package")
                && out.stream().anyMatch(o -> o != p && o.error() && o.file().equals(p.file())));
        List<String> order = sources.files().stream().map(PolicySources.PolicyFile::path).toList();
        out.sort(Comparator.<PolicyProblem>comparingInt(p -> order.indexOf(p.file()))
                .thenComparingInt(PolicyProblem::line)
                .thenComparing(PolicyProblem::message));
        return List.copyOf(out);
    }

    /**
     * mvel reports an unanalysable then-block expression at the rule's first line; the expression
     * is quoted in the message, so point at the line that holds it when it is found below.
     */
    static int expressionLine(String text, String message, int line) {
        Matcher m = ANALYSE.matcher(message);
        if (text == null || line <= 0 || !m.find()) {
            return line;
        }
        String expression = m.group(1).strip();
        int newline = expression.indexOf('\n');
        if (newline > 0) {
            expression = expression.substring(0, newline).strip();
        }
        int from = 0;
        for (int i = 1; i < line && from >= 0; i++) {
            from = text.indexOf('\n', from) + 1;
        }
        int at = expression.isEmpty() || from < 0 ? -1 : text.indexOf(expression, from);
        return at < 0 ? line : DrlText.lineOf(text, at);
    }

    /** mvel messages span lines with a caret diagram; keep the sentences, drop the drawing. */
    static String oneLine(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.trim();
            if (t.isEmpty() || t.equals("^") || t.startsWith("[Near :") || t.startsWith("[Line:")) {
                continue;
            }
            kept.add(t);
        }
        return String.join(" ", kept);
    }

    private static List<PolicyProblem> globalProblems(PolicySources sources, Collection<KiePackage> packages) {
        List<PolicyProblem> out = new ArrayList<>();
        boolean declared = false;
        for (KiePackage p : packages) {
            Type type = ((InternalKnowledgePackage) p).getGlobals().get(DroolsPolicy.GLOBAL);
            if (type == null) {
                continue;
            }
            declared = true;
            if (!type.getTypeName().equals(PolicyActions.class.getName())) {
                out.add(new PolicyProblem(sources.dir().toString(), 0, 0, "package " + p.getName() + " declares global "
                        + DroolsPolicy.GLOBAL + " as " + type.getTypeName() + "; it must be " + PolicyActions.class.getName(), true));
            }
        }
        if (!declared) {
            out.add(new PolicyProblem(sources.dir().toString(), 0, 0, "no file declares 'global "
                    + PolicyActions.class.getName() + " " + DroolsPolicy.GLOBAL + ";', so no rule can record a verdict"
                    + " and every action is denied", false));
        }
        return out;
    }

    private static List<RuleInfo> ruleInfos(PolicySources sources, Collection<KiePackage> packages, Map<String, String> adminPath) {
        Map<String, String> texts = new HashMap<>();
        sources.files().forEach(f -> texts.put(f.path(), f.text()));
        List<RuleInfo> out = new ArrayList<>();
        for (KiePackage p : packages) {
            for (Rule rule : p.getRules()) {
                String file = "";
                if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
                    file = adminPath.getOrDefault(impl.getResource().getSourcePath(), impl.getResource().getSourcePath());
                }
                String text = texts.get(file);
                Object id = rule.getMetaData().get("id");
                Object justification = rule.getMetaData().get("justification");
                out.add(new RuleInfo(id != null ? id.toString() : rule.getName(), rule.getName(), rule.getPackageName(), file,
                        text == null ? 0 : DrlText.ruleLine(text, rule.getName()),
                        justification != null ? justification.toString() : null));
            }
        }
        List<String> order = sources.files().stream().map(PolicySources.PolicyFile::path).toList();
        out.sort(Comparator.<RuleInfo>comparingInt(r -> order.indexOf(r.file()))
                .thenComparingInt(RuleInfo::line)
                .thenComparing(RuleInfo::name));
        return List.copyOf(out);
    }
}
