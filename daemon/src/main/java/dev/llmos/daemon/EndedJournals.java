package dev.llmos.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * the journal files known to have ended ("ended" is their last state), oldest first. recovery never
 * needs them (it reads only journals that stop before "ended"), and status and start-up need not
 * read them again; past {@code keep} the oldest are deleted, so the journal directory does not grow
 * with every plan ever run (decision 0031). a journal that has not ended is never here.
 */
final class EndedJournals {

    /** how many ended journals stay on disk by default, for a person reading what recently ran. */
    static final int KEEP = 256;

    private static final Logger LOG = LoggerFactory.getLogger(EndedJournals.class);

    private final Path dir;
    private final int keep;
    private final LinkedHashSet<String> names = new LinkedHashSet<>();

    EndedJournals(Path dir, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, was " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    synchronized boolean contains(String name) {
        return names.contains(name);
    }

    /** notes a journal as ended (the newest), and deletes the oldest ones past the bound. */
    synchronized void add(String name) {
        if (!names.add(name)) {
            return;
        }
        for (Iterator<String> oldest = names.iterator(); names.size() > keep && oldest.hasNext(); ) {
            String gone = oldest.next();
            oldest.remove();
            try {
                // not synced: a deletion lost in a crash leaves an ended journal, which is harmless
                Files.deleteIfExists(dir.resolve(gone));
            } catch (IOException e) {
                LOG.warn("cannot delete the ended journal {}: {}", dir.resolve(gone), e.toString());
            }
        }
    }

    synchronized int size() {
        return names.size();
    }
}
