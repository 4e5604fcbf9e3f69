package dev.llmos.rules.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * the parsed catalogue documents as json, for the policy cache: the same records the yaml was read
 * into, written by jackson's mapper and read back by {@link CatalogTree}. the json is only
 * trusted as far as the cache file around it is (see the rules' CatalogCacheFile).
 */
final class CatalogJson {

    /** only a cold start writes: a warm one reads the tree by hand ({@link CatalogTree}) and builds no mapper. */
    private static final class Mapper {
        static final JsonMapper JSON = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** every catalogue file in order, with its document (null for an empty file). */
    record Parsed(List<Entry> files) {
    }

    record Entry(String path, CatalogDocument document) {
    }

    /** the classes that read the json into records: a change to any of them makes a cached catalogue stale. */
    static final List<Class<?>> BOUND = List.of(CatalogTree.class, Parsed.class, Entry.class, CatalogDocument.class,
            CatalogDocument.PathGroup.class, CatalogDocument.SocketGroup.class, CatalogDocument.ProgramClass.class,
            CatalogDocument.Query.class);

    private CatalogJson() {
    }

    static byte[] write(Parsed parsed) {
        try {
            return Mapper.JSON.writeValueAsBytes(parsed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the parsed catalogue as json", e);
        }
    }

    /** the documents of exactly these files, in order; an IOException for anything else. */
    static List<CatalogDocument> read(byte[] json, List<CatalogLoader.CatalogFile> files) throws IOException {
        Parsed parsed = CatalogTree.read(json);
        if (parsed == null || parsed.files() == null || parsed.files().size() != files.size()) {
            throw new IOException("the cached catalogue has other files");
        }
        for (int i = 0; i < files.size(); i++) {
            if (parsed.files().get(i) == null || !files.get(i).path().equals(parsed.files().get(i).path())) {
                throw new IOException("the cached catalogue has other files");
            }
        }
        return parsed.files().stream().map(Entry::document).toList();
    }
}
