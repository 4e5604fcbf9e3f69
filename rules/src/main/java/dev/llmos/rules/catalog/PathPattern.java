package dev.llmos.rules.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * one catalogue path pattern, matched against real paths: {@code *} and {@code ?} within one
 * component, {@code **} across any number of components, a leading {@code ~} for any home
 * directory (/root and /home/NAME). a pattern covers what it names and everything beneath it.
 */
final class PathPattern {

    private final String text;
    private final String regexText;
    private final String exactText;
    private final List<String> components;
    // compiled when first matched: a start compiles only what its plan asks about (a few of the
    // catalogue's hundreds); a race compiles twice and keeps either, both equal
    private volatile Pattern regex;
    private volatile Pattern exact;

    private PathPattern(String text, String regexText, String exactText, List<String> components) {
        this.text = text;
        this.regexText = regexText;
        this.exactText = exactText;
        this.components = components;
    }

    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** why {@code text} is not a pattern, or null when it is. */
    static String invalid(String text) {
        if (text == null || text.isBlank()) {
            return "a path pattern must not be empty";
        }
        if (!(text.startsWith("/") || text.startsWith("~/") || text.startsWith("**/"))) {
            return "path pattern '" + text + "' must start with /, ~/ or **/";
        }
        if (text.indexOf('\0') >= 0 || text.contains("\\")) {
            return "path pattern '" + text + "' holds a NUL or a backslash";
        }
        String body = text.startsWith("~/") ? text.substring(1) : text.startsWith("**/") ? text.substring(2) : text;
        if (body.equals("/")) {
            return null;
        }
        String[] parts = body.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "path pattern '" + text + "' has an empty, . or .. component";
            }
            if (part.contains("**") && !part.equals("**")) {
                return "path pattern '" + text + "': ** must be a whole component";
            }
        }
        return null;
    }

    static PathPattern of(String text) {
        String problem = invalid(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        StringBuilder re = new StringBuilder();
        List<String> components = new ArrayList<>();
        String rest = text.startsWith("**/") ? "/" + text : text;
        if (rest.startsWith("~/")) {
            re.append("(?:/root|/home/[^/]+)");
            components.add("~");
            rest = rest.substring(1);
        }
        if (!rest.equals("/")) {
            for (String part : rest.substring(1).split("/")) {
                components.add(part);
                if (part.equals("**")) {
                    re.append("(?:/[^/]+)*");
                    continue;
                }
                re.append('/');
                // literal runs quoted whole, as in Globs: fewer \Q...\E to compile at start
                StringBuilder literal = new StringBuilder();
                for (char c : part.toCharArray()) {
                    if (c == '*' || c == '?') {
                        quote(re, literal);
                        re.append(c == '*' ? "[^/]*" : "[^/]");
                    } else {
                        literal.append(c);
                    }
                }
                quote(re, literal);
            }
        }
        // the named path itself, or anything beneath it
        String whole = re.isEmpty() ? "/.*" : re + "(?:/.*)?";
        return new PathPattern(text, whole, re.isEmpty() ? "/" : re.toString(), List.copyOf(components));
    }

    private static void quote(StringBuilder re, StringBuilder literal) {
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    /** whether the pattern names {@code realPath} or one of its ancestors. */
    boolean covers(String realPath) {
        if (realPath == null) {
            return false;
        }
        Pattern p = regex;
        if (p == null) {
            p = Pattern.compile(regexText, Pattern.DOTALL);
            regex = p;
        }
        return p.matcher(realPath).matches();
    }

    /** whether the pattern names {@code realPath} itself (not something above it). */
    boolean names(String realPath) {
        if (realPath == null) {
            return false;
        }
        Pattern p = exact;
        if (p == null) {
            p = Pattern.compile(exactText, Pattern.DOTALL);
            exact = p;
        }
        return p.matcher(realPath).matches();
    }

    /** whether it starts with ** and so may match beneath any directory. */
    boolean anywhere() {
        return !components.isEmpty() && components.get(0).equals("**");
    }

    /**
     * whether something this pattern names may lie strictly beneath {@code dir}, judged on the
     * text alone (nothing is listed): /root is above ~/.ssh/id_*, / above everything.
     */
    boolean beneath(String dir) {
        if (dir == null || anywhere()) {
            return false;
        }
        List<String> d = dir.equals("/") ? List.of() : List.of(dir.substring(1).split("/"));
        List<List<String>> variants = new ArrayList<>();
        if (!components.isEmpty() && components.get(0).equals("~")) {
            List<String> tail = components.subList(1, components.size());
            variants.add(concat(List.of("root"), tail));
            variants.add(concat(List.of("home", "*"), tail));
        } else {
            variants.add(components);
        }
        for (List<String> p : variants) {
            if (prefix(p, 0, d, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefix(List<String> p, int i, List<String> d, int j) {
        if (j == d.size()) {
            return i < p.size();
        }
        if (i == p.size()) {
            return false;
        }
        if (p.get(i).equals("**")) {
            return true;
        }
        return Pattern.matches(component(p.get(i)), d.get(j)) && prefix(p, i + 1, d, j + 1);
    }

    private static String component(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
