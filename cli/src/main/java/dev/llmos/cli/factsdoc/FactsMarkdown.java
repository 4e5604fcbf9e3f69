package dev.llmos.cli.factsdoc;

import java.util.List;

/**
 * the reference as markdown, the block between {@link #BEGIN} and {@link #END} in
 * docs/policy-guide.md. a test fails when the committed block differs from this output.
 */
public final class FactsMarkdown {

    public static final String BEGIN = "<!-- BEGIN GENERATED: llmsh policy facts --format markdown -->";
    public static final String END = "<!-- END GENERATED -->";

    private FactsMarkdown() {
    }

    public static String render(FactsReference ref) {
        StringBuilder md = new StringBuilder();
        md.append("### Facts in working memory\n\n")
                .append("Inserted for every plan in this order: the plan, the requester, the host, then one fact per action")
                .append(" in plan order. Match any of them in a rule's `when`; import the class first.\n");
        for (FactsReference.Fact fact : ref.facts()) {
            md.append("\n#### `").append(fact.name()).append('`')
                    .append(fact.action() == null ? "" : ": action `" + fact.action() + "`").append("\n\n")
                    .append('`').append(fact.className()).append("`: ").append(fact.summary()).append("\n\n");
            fields(md, fact.fields());
        }
        md.append("\n### What a `then` block can record\n\n")
                .append("Every file declares `global dev.llmos.rules.PolicyActions policy;`. `action` is the matched fact;")
                .append(" the rule's `@id` and `@justification` are attached to every record.\n\n")
                .append("| call | records |\n|---|---|\n");
        for (FactsReference.Call call : ref.calls()) {
            md.append("| `policy.").append(call.signature()).append("` | ").append(call.help()).append(" |\n");
        }
        md.append("\n### Verdicts\n\n")
                .append("From weakest to strictest: ").append(String.join(" < ", ref.verdicts().stream().map(v -> "`" + v + "`").toList()))
                .append(". The strictest verdict recorded for an action decides; an action with none is denied by `")
                .append(ref.builtinRules().get(0)).append("`. Builtin rules, decided in code: ")
                .append(String.join(", ", ref.builtinRules().stream().map(r -> "`" + r + "`").toList())).append(".\n");
        kinds(md, "Precondition kinds", ref.preconditions());
        kinds(md, "Recovery step kinds", ref.recovery());
        return md.toString();
    }

    private static void fields(StringBuilder md, List<FactsReference.Field> fields) {
        md.append("| field | type |\n|---|---|\n");
        for (FactsReference.Field f : fields) {
            md.append("| `").append(f.name()).append("` | `").append(f.type()).append("` |\n");
        }
    }

    private static void kinds(StringBuilder md, String title, List<FactsReference.Kind> kinds) {
        md.append("\n### ").append(title).append("\n\n| kind | class | fields |\n|---|---|---|\n");
        for (FactsReference.Kind k : kinds) {
            md.append("| `").append(k.kind()).append("` | `").append(k.className()).append("` | ")
                    .append(String.join(", ", k.fields().stream().map(f -> "`" + f.name() + "` (" + f.type() + ")").toList()))
                    .append(" |\n");
        }
    }

    /** {@code doc} with the text between the markers replaced by {@code generated}. */
    public static String replaceBlock(String doc, String generated) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no " + BEGIN + " ... " + END + " block");
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n" + generated + END + doc.substring(end + END.length());
    }

    /** the text between the markers, as {@link #render} would produce it. */
    public static String block(String doc) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no " + BEGIN + " ... " + END + " block");
        }
        return doc.substring(begin + BEGIN.length() + 1, end);
    }
}
