package dev.llmos.actions.exec.shell;

import java.util.regex.Pattern;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * reads a posix sh script into the simple commands it runs, without running or expanding
 * anything: words and quotes, $(...) and backticks (read as scripts of their own), pipes, ; & &&
 * ||, subshell parentheses, redirections, here-strings and here-documents, and cd. anything else
 * (control structures, functions, eval, source, a command word decided at run time, assignments
 * to PATH and the like) makes the script unknown: see {@link Script#unknown()}. see decision 0013
 * for why this is a parser of our own.
 */
public final class ShellParser {

    // compiled once: String.matches compiles its pattern on every call, for every command of every plan
    private static final Pattern FD_TARGET = Pattern.compile("[0-9]*-?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static final int MAX_DEPTH = 4;
    private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "fi", "for", "while", "until", "do",
            "done", "case", "esac", "select", "function", "{", "}", "[[", "]]", "coproc");
    private static final Set<String> OPAQUE = Set.of("eval", "source", ".", "alias", "trap", "enable", "hash", "fc", "bind",
            "shopt");
    private static final Set<String> DECLARING = Set.of("declare", "typeset", "local", "readonly", "export", "unset");
    /** builtins that set variables named among their arguments. */
    private static final Set<String> SETTERS = Set.of("read", "mapfile", "readarray", "getopts", "printf", "declare", "typeset",
            "local", "export", "readonly", "unset", "let");
    /** NAME=$(mktemp ...) where mktemp makes its file in the scratch directory (no template with a directory of its own). */
    private static final Pattern MKTEMP = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*=(\"?)\\$\\(\\s*mktemp((\\s+(-d|-q|-u|--directory|--quiet|--dry-run))*"
            + "(\\s+(-t|--tmpdir)(\\s+[A-Za-z0-9._-]*X{3,}[A-Za-z0-9._-]*)?)?(\\s+(-d|-q|-u|--directory|--quiet|--dry-run))*)\\s*\\)\\1");
    private static final Set<String> SENSITIVE = Set.of("PATH", "IFS", "ENV", "BASH_ENV", "CDPATH", "PS4", "PROMPT_COMMAND",
            "SHELLOPTS", "BASHOPTS", "GLOBIGNORE", "HOME");

    private final String src;
    private final String home;
    private final int depth;
    private int i;
    private String cwd;
    private final Deque<String> cwds = new ArrayDeque<>();
    private final List<Script.Command> commands = new ArrayList<>();
    private final List<String[]> pendingHeredocs = new ArrayList<>();
    private String unknown;
    // variables that hold a new file mktemp made in the scratch directory, and that directory (null: unknown)
    private final java.util.Map<String, String> scratchVars = new java.util.HashMap<>();
    private String scratch;

    // the command being read
    private final List<Script.Word> words = new ArrayList<>();
    private final List<Script.Redirect> redirects = new ArrayList<>();
    private final List<Script> substitutions = new ArrayList<>();
    private final List<Integer> heredocSlots = new ArrayList<>();

    private ShellParser(String src, String cwd, String home, int depth, String scratch) {
        this.src = src;
        this.cwd = cwd;
        this.home = home;
        this.depth = depth;
        this.scratch = scratch;
    }

    /**
     * @param cwd where the script starts (null when unknown); cd changes it for later commands
     * @param home what ~ and $HOME are for the program's user
     */
    public static Script parse(String script, String cwd, String home) {
        return parse(script, cwd, home, 0, null);
    }

    /**
     * @param scratch where mktemp makes files for this script (/tmp unless TMPDIR says otherwise; null when
     *                unknown): a variable set to {@code $(mktemp)} then names a new file there
     */
    public static Script parse(String script, String cwd, String home, String scratch) {
        return parse(script, cwd, home, 0, scratch);
    }

    static Script parse(String script, String cwd, String home, int depth, String scratch) {
        if (depth > MAX_DEPTH) {
            return new Script(List.of(), "scripts nested more than " + MAX_DEPTH + " deep");
        }
        ShellParser p = new ShellParser(script, cwd, home, depth, scratch);
        try {
            p.run();
        } catch (Unreadable e) {
            p.unknown = e.getMessage();
        }
        return new Script(p.commands, p.unknown);
    }

    /** a construct outside the subset. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private void run() {
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '#' ) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\n') {
                i++;
                end();
                readHeredocs();
            } else if (src.startsWith("&>", i)) {
                redirect();
            } else if (c == ';' || c == '&' || c == '|') {
                if (src.startsWith(";;", i)) {
                    throw new Unreadable("case clauses are not read");
                }
                i += (src.startsWith("&&", i) || src.startsWith("||", i) || src.startsWith("|&", i)) ? 2 : 1;
                end();
            } else if (c == '(') {
                if (!words.isEmpty()) {
                    throw new Unreadable("function definitions are not read");
                }
                end();
                cwds.push(cwd == null ? "" : cwd);
                i++;
            } else if (c == ')') {
                end();
                if (cwds.isEmpty()) {
                    throw new Unreadable("unbalanced )");
                }
                String saved = cwds.pop();
                cwd = saved.isEmpty() ? null : saved;
                i++;
            } else if (redirectAt()) {
                redirect();
            } else {
                word();
            }
        }
        end();
        if (!pendingHeredocs.isEmpty()) {
            throw new Unreadable("a here-document without its end");
        }
    }

    /** a redirection operator starts here (with an optional fd number before it). */
    private boolean redirectAt() {
        int j = i;
        while (j < src.length() && Character.isDigit(src.charAt(j))) {
            j++;
        }
        if (j < src.length() && (src.charAt(j) == '<' || src.charAt(j) == '>')) {
            return true;
        }
        return j == i && src.startsWith("&>", i);
    }

    private void redirect() {
        while (Character.isDigit(src.charAt(i))) {
            i++;
        }
        String op;
        if (src.startsWith("&>>", i)) {
            op = "&>>";
        } else if (src.startsWith("&>", i)) {
            op = "&>";
        } else if (src.startsWith("<<<", i)) {
            op = "<<<";
        } else if (src.startsWith("<<-", i)) {
            op = "<<-";
        } else {
            String[] ops = {"<<", ">>", "<>", ">|", ">&", "<&", ">", "<"};
            op = null;
            for (String o : ops) {
                if (src.startsWith(o, i)) {
                    op = o;
                    break;
                }
            }
        }
        i += op.length();
        skipBlanks();
        if (op.equals("<<") || op.equals("<<-")) {
            Script.Word delimiter = readWord();
            pendingHeredocs.add(new String[]{delimiter.text(), op, delimiter.dynamic() || delimiter.glob() ? "" : "q"});
            heredocSlots.add(redirects.size());
            redirects.add(new Script.Redirect("<<", Script.Word.plain("")));
            return;
        }
        Script.Word target = readWord();
        if ((op.equals(">&") || op.equals("<&")) && FD_TARGET.matcher(target.text()).matches()) {
            return;
        }
        redirects.add(new Script.Redirect(op.equals(">&") ? ">" : op.equals("<&") ? "<" : op, target));
    }

    private void readHeredocs() {
        for (String[] doc : pendingHeredocs) {
            StringBuilder body = new StringBuilder();
            boolean ended = false;
            while (i < src.length()) {
                int eol = src.indexOf('\n', i);
                String line = eol < 0 ? src.substring(i) : src.substring(i, eol);
                i = eol < 0 ? src.length() : eol + 1;
                String cmp = doc[1].equals("<<-") ? line.replaceFirst("^\t+", "") : line;
                if (cmp.equals(doc[0])) {
                    ended = true;
                    break;
                }
                body.append(line).append('\n');
            }
            if (!ended) {
                throw new Unreadable("a here-document without its end");
            }
            String text = body.toString();
            boolean dynamic = !doc[2].equals("q") && (text.contains("$") || text.contains("`"));
            Script.Redirect slot = new Script.Redirect("<<", new Script.Word(text, dynamic, false, dynamic ? 0 : text.length()));
            patchHeredoc(slot);
        }
        pendingHeredocs.clear();
    }

    private void patchHeredoc(Script.Redirect body) {
        // the command already ended: find the last command with an empty here-document slot
        for (int c = commands.size() - 1; c >= 0; c--) {
            Script.Command cmd = commands.get(c);
            for (int r = 0; r < cmd.redirects().size(); r++) {
                Script.Redirect red = cmd.redirects().get(r);
                if (red.op().equals("<<") && red.target().text().isEmpty() && !red.target().dynamic()) {
                    List<Script.Redirect> fixed = new ArrayList<>(cmd.redirects());
                    fixed.set(r, body);
                    commands.set(c, new Script.Command(cmd.words(), fixed, cmd.substitutions(), cmd.cwd()));
                    return;
                }
            }
        }
    }

    private void word() {
        int start = i;
        Script.Word w = readWord();
        if (words.isEmpty()) {
            int eq = w.text().indexOf('=');
            if (eq > 0 && NAME.matcher(w.text().substring(0, eq)).matches() && src.charAt(start) != '\'' && src.charAt(start) != '"') {
                String name = w.text().substring(0, eq);
                if (sensitive(name)) {
                    throw new Unreadable("it sets " + name + ", which changes what later commands run");
                }
                if (name.equals("TMPDIR")) {
                    scratch = null;
                    scratchVars.clear();
                } else if (scratch != null && MKTEMP.matcher(src.substring(start, i)).matches()) {
                    scratchVars.put(name, scratch);
                } else {
                    scratchVars.remove(name);
                }
                return;
            }
            if (w.dynamic() || w.glob()) {
                throw new Unreadable("a command word decided at run time (" + w.text() + ")");
            }
            if (RESERVED.contains(w.text())) {
                throw new Unreadable("shell control structures ('" + w.text() + "') are not read");
            }
            if (w.text().equals("!")) {
                return;
            }
            if (OPAQUE.contains(w.text())) {
                throw new Unreadable("'" + w.text() + "' runs or changes code the script does not show");
            }
        }
        words.add(w);
    }

    private void end() {
        if (words.isEmpty() && redirects.isEmpty()) {
            substitutions.clear();
            return;
        }
        List<Script.Word> cmd = new ArrayList<>(words);
        if (!cmd.isEmpty() && cmd.get(0).text().equals("cd")) {
            cd(cmd);
        }
        if (!cmd.isEmpty() && SETTERS.contains(cmd.get(0).text())) {
            // read f, printf -v f, declare f=...: f no longer holds what mktemp made
            for (Script.Word w : cmd.subList(1, cmd.size())) {
                String t = w.text();
                scratchVars.remove(t.contains("=") ? t.substring(0, t.indexOf('=')) : t);
            }
        }
        if (!cmd.isEmpty() && DECLARING.contains(cmd.get(0).text())) {
            for (Script.Word w : cmd.subList(1, cmd.size())) {
                String name = w.text().contains("=") ? w.text().substring(0, w.text().indexOf('=')) : w.text();
                if (w.dynamic() || sensitive(name)) {
                    throw new Unreadable("'" + cmd.get(0).text() + " " + w.text() + "' changes what later commands run");
                }
            }
        }
        if (cmd.isEmpty()) {
            // redirections alone still open (and truncate) files
            cmd.add(Script.Word.plain(":"));
        }
        commands.add(new Script.Command(cmd, redirects, substitutions, cwd));
        words.clear();
        redirects.clear();
        substitutions.clear();
        heredocSlots.clear();
    }

    private static boolean sensitive(String name) {
        return SENSITIVE.contains(name) || name.startsWith("LD_") || name.startsWith("PYTHON") || name.startsWith("PERL")
                || name.startsWith("RUBY") || name.startsWith("NODE_") || name.startsWith("GIT_") || name.equals("GCONV_PATH");
    }

    private void cd(List<Script.Word> cmd) {
        List<Script.Word> args = cmd.subList(1, cmd.size()).stream().filter(w -> !w.text().startsWith("-")).toList();
        if (args.isEmpty()) {
            cwd = home;
            return;
        }
        Script.Word dir = args.get(0);
        if (dir.dynamic() || dir.glob()) {
            throw new Unreadable("cd to a directory decided at run time");
        }
        String d = dir.text();
        cwd = d.startsWith("/") ? d : cwd == null ? null : (cwd.endsWith("/") ? cwd : cwd + "/") + d;
    }

    private void skipBlanks() {
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
    }

    private Script.Word readWord() {
        return new WordReader(this).read();
    }

    // for WordReader
    String src() {
        return src;
    }

    int pos() {
        return i;
    }

    void pos(int at) {
        i = at;
    }

    String home() {
        return home;
    }

    String cwd() {
        return cwd;
    }

    int depth() {
        return depth;
    }

    String scratch() {
        return scratch;
    }

    /** the directory the variable's new mktemp file lies in, or null. */
    String scratchOf(String name) {
        return scratchVars.get(name);
    }

    void substitution(Script inner) {
        substitutions.add(inner);
    }
}
