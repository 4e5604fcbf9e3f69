package dev.llmos.actions.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** reads and rewrites resolv.conf's text: new servers (and search domains), every other line kept. */
final class ResolvConf {

    static final String HEADER = "# name servers set by llm-os (dns_set); the previous file is backed up";

    private ResolvConf() {
    }

    static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    static List<String> servers(String text) {
        List<String> servers = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                servers.add(f[1]);
            }
        }
        return servers;
    }

    /** {@code search} null keeps the current search and domain lines. */
    static String rewrite(String text, List<String> servers, List<String> search) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String word = line.trim().split("\\s+")[0];
            boolean replaced = word.equals("nameserver") || line.equals(HEADER)
                    || (search != null && (word.equals("search") || word.equals("domain")));
            if (!replaced) {
                kept.add(line);
            }
        }
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        kept.forEach(l -> out.append(l).append('\n'));
        if (search != null && !search.isEmpty()) {
            out.append("search ").append(String.join(" ", search)).append('\n');
        }
        servers.forEach(s -> out.append("nameserver ").append(s).append('\n'));
        return out.toString();
    }
}
