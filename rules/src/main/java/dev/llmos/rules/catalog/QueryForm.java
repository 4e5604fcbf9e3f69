package dev.llmos.rules.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * the read-only forms of one program (catalog queries): which subcommands, operands and options
 * keep it from changing anything. {@link #problem} says why an argv is not such a form.
 */
record QueryForm(List<Pattern> subcommands, List<Pattern> second, List<Pattern> operands, List<Pattern> denyOperands,
                 Integer maxOperands, List<String> valueOptions, List<Pattern> denyOptions, List<String> denyShort,
                 List<String> requireOptions) {

    static QueryForm of(CatalogDocument.Query q) {
        return new QueryForm(globs(q.subcommands()), globs(q.second()), globs(q.operands()), globs(q.denyOperands()),
                q.maxOperands(), q.valueOptions() == null ? List.of() : List.copyOf(q.valueOptions()),
                globs(q.denyOptions()), q.denyShort() == null ? List.of() : List.copyOf(q.denyShort()),
                q.requireOptions() == null ? List.of() : List.copyOf(q.requireOptions()));
    }

    /** null when {@code args} (argv without argv[0]) is a read-only form, else what makes it not one. */
    String problem(List<String> args) {
        List<String> operands = new ArrayList<>();
        boolean endOfOptions = false;
        // a program whose bare form changes things (passwd NAME sets a password) is read-only only
        // with one of the options that make it so (passwd -S)
        boolean required = requireOptions.isEmpty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (endOfOptions || !arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                endOfOptions = true;
                continue;
            }
            for (Pattern deny : denyOptions) {
                String name = arg.startsWith("--") && arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
                if (deny.matcher(arg).matches() || deny.matcher(name).matches()) {
                    return "option " + arg + " changes things";
                }
            }
            if (!arg.startsWith("--")) {
                for (String letter : denyShort) {
                    if (arg.substring(1).contains(letter)) {
                        return "option " + arg + " includes -" + letter + ", which changes things";
                    }
                }
            }
            required |= requires(arg);
            if (valueOptions.contains(arg)) {
                i++;
            }
        }
        if (!required) {
            return "without one of " + String.join(", ", requireOptions) + " it changes things";
        }
        if (maxOperands != null && operands.size() > maxOperands) {
            return operands.size() + " operands, more than the " + maxOperands + " a read-only form takes";
        }
        if (!subcommands.isEmpty() && !operands.isEmpty() && !any(subcommands, operands.get(0))) {
            return "subcommand " + operands.get(0) + " is not one of the read-only ones";
        }
        if (!second.isEmpty() && operands.size() > 1 && !any(second, operands.get(1))) {
            return "'" + operands.get(0) + " " + operands.get(1) + "' is not a read-only form";
        }
        for (String operand : operands) {
            if (!operands().isEmpty() && !any(operands(), operand)) {
                return "operand " + operand + " changes things";
            }
            if (any(denyOperands, operand)) {
                return "operand " + operand + " changes things";
            }
        }
        return null;
    }

    private boolean requires(String arg) {
        String name = arg.startsWith("--") && arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
        for (String option : requireOptions) {
            boolean shortLetter = option.length() == 2 && option.charAt(0) == '-' && option.charAt(1) != '-';
            if (option.equals(name) || shortLetter && !arg.startsWith("--") && arg.substring(1).indexOf(option.charAt(1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean any(List<Pattern> patterns, String value) {
        return patterns.stream().anyMatch(p -> p.matcher(value).matches());
    }

    private static List<Pattern> globs(List<String> globs) {
        return globs == null ? List.of() : globs.stream().map(g -> Pattern.compile(Globs.regex(g), Pattern.DOTALL)).toList();
    }
}
