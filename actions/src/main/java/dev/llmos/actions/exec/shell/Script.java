package dev.llmos.actions.exec.shell;

import java.util.List;

/**
 * what a posix sh script runs, as far as it can be read without running anything.
 *
 * @param commands the simple commands, in order, each with its redirections
 * @param unknown why the script cannot be fully read (a construct outside the subset, a
 *                command decided at run time), or null when every command it can run is listed
 */
public record Script(List<Command> commands, String unknown) {

    public Script {
        commands = List.copyOf(commands);
    }

    /** one simple command. */
    public record Command(List<Word> words, List<Redirect> redirects, List<Script> substitutions, String cwd) {

        public Command {
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
            substitutions = List.copyOf(substitutions);
        }

        public List<String> argv() {
            return words.stream().map(Word::text).toList();
        }

        public boolean dynamic() {
            return words.stream().anyMatch(w -> w.dynamic() || w.glob());
        }
    }

    /**
     * one word after quote removal.
     *
     * @param literal how many leading characters are surely literal (before any expansion or glob)
     * @param dynamic it holds an expansion ($VAR, $(...), `...`) whose value only the run knows
     * @param glob it holds unquoted * ? [ or a brace list, which the shell expands to file names
     */
    public record Word(String text, boolean dynamic, boolean glob, int literal) {

        public static Word plain(String text) {
            return new Word(text, false, false, text.length());
        }

        /** the part before the first expansion or glob: what the word surely starts with. */
        public String literalPrefix() {
            return text.substring(0, Math.min(literal, text.length()));
        }
    }

    /**
     * @param op {@code >}, {@code >>}, {@code <}, {@code <>}, {@code <<<} (here-string), {@code <<} (here-document)
     * @param target the file, or the text of a here-string or here-document
     */
    public record Redirect(String op, Word target) {

        public boolean writes() {
            return op.equals(">") || op.equals(">>") || op.equals("<>") || op.equals(">|") || op.equals("&>") || op.equals("&>>");
        }

        public boolean reads() {
            return op.equals("<") || op.equals("<>");
        }

        public boolean text() {
            return op.equals("<<<") || op.equals("<<");
        }
    }
}
