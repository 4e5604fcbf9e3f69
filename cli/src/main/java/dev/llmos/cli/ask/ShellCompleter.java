package dev.llmos.cli.ask;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * tab completion in the shell: {@code :} commands at the start of a line, paths for a word that
 * starts with / or ~ or ., and action types anywhere else (people name them in requests).
 */
final class ShellCompleter implements Completer {

    static final List<String> COMMANDS = List.of(":plan", ":new", ":history", ":help", ":q");

    private final Supplier<Set<String>> actionTypes;
    private Set<String> types;

    /** {@code actionTypes} is asked on the first tab, so the shell starts without loading the actions. */
    ShellCompleter(Supplier<Set<String>> actionTypes) {
        this.actionTypes = actionTypes;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        if (line.wordIndex() == 0 && word.startsWith(":")) {
            COMMANDS.forEach(c -> candidates.add(new Candidate(c, c, null, null, null, null, !c.equals(":plan"))));
        } else if (word.startsWith("/") || word.startsWith("~") || word.startsWith(".")) {
            paths(word, candidates);
        } else {
            if (types == null) {
                types = actionTypes.get();
            }
            types.forEach(t -> candidates.add(new Candidate(t)));
        }
    }

    private static void paths(String word, List<Candidate> candidates) {
        String home = System.getProperty("user.home");
        String expanded = word.startsWith("~") ? home + word.substring(1) : word;
        int slash = expanded.lastIndexOf('/');
        Path dir = Path.of(slash < 0 ? "." : slash == 0 ? "/" : expanded.substring(0, slash));
        String typedDir = slash < 0 ? "" : word.substring(0, word.length() - (expanded.length() - slash - 1));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                boolean isDir = Files.isDirectory(entry);
                String value = typedDir + entry.getFileName() + (isDir ? "/" : "");
                candidates.add(new Candidate(value, entry.getFileName() + (isDir ? "/" : ""), null, null, null, null, !isDir));
            }
        } catch (IOException | RuntimeException e) {
            // nothing to offer for a directory that cannot be listed
        }
    }
}
