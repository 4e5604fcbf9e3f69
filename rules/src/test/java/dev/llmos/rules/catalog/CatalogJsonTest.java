package dev.llmos.rules.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** the parsed catalogue as the policy cache keeps it: json read back is the same catalogue as the yaml. */
class CatalogJsonTest {

    private static final List<CatalogLoader.CatalogFile> SHIPPED = CatalogLoader.files(Path.of("../policies"));

    @Test
    void theShippedCatalogueReadBackFromItsJsonAnswersAsTheYamlDoes() throws IOException {
        CatalogLoader.Loaded loaded = CatalogLoader.loadForCache(SHIPPED);
        assertEquals(answers(CatalogLoader.load(SHIPPED)), answers(loaded.catalog()));
        assertEquals(answers(loaded.catalog()), answers(CatalogLoader.fromJson(SHIPPED, loaded.json())));
    }

    @Test
    void theHandReaderReadsTheJsonAsJacksonsMapperDoes() throws IOException {
        byte[] json = CatalogLoader.loadForCache(SHIPPED).json();
        CatalogJson.Parsed mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(json, CatalogJson.Parsed.class);
        assertEquals(SHIPPED.size(), mapper.files().size());
        assertEquals(mapper, CatalogTree.read(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"files\": [{\"path\": \"catalog/a.yaml\", \"document\": {\"classes\": {\"x\": {\"programs\": [1]}}}}]}",
            "{\"files\": [{\"path\": \"catalog/a.yaml\", \"document\": {\"queries\": {\"x\": {\"max-operands\": \"2\"}}}}]}",
            "{\"files\": [{\"path\": \"catalog/a.yaml\", \"document\": {\"secrets\": []}}]}",
            "{\"files\": [{\"path\": \"catalog/a.yaml\", \"extra\": 1}]}",
            "{\"files\": {}}", "[]", "{\"files\": []} {}"})
    void theHandReaderRefusesWhatTheRecordsCannotHold(String json) {
        assertThrows(IOException.class, () -> CatalogTree.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void globsMatchAsBefore() {
        for (String glob : List.of("mkfs.*", "python3*", "a?c", "[x", "q\\E.z", "*")) {
            java.util.regex.Pattern p = java.util.regex.Pattern.compile(Globs.regex(glob));
            assertEquals(List.of(glob.equals("*") || glob.equals("mkfs.*"), glob.equals("*") || glob.equals("python3*") ,
                    glob.equals("*") || glob.equals("a?c"), true),
                    List.of(p.matcher("mkfs.ext4").matches(), p.matcher("python3.11").matches(), p.matcher("abc").matches(),
                            p.matcher(glob.replace('*', 'x').replace('?', 'b')).matches()), glob);
        }
    }

    @Test
    void jsonOfOtherFilesIsRefused() {
        byte[] json = CatalogLoader.loadForCache(SHIPPED).json();
        assertThrows(IOException.class, () -> CatalogLoader.fromJson(SHIPPED.subList(1, SHIPPED.size()), json));
        List<CatalogLoader.CatalogFile> renamed = new ArrayList<>(SHIPPED);
        renamed.set(0, new CatalogLoader.CatalogFile("catalog/other.yaml", SHIPPED.get(0).text()));
        assertThrows(IOException.class, () -> CatalogLoader.fromJson(renamed, json));
    }

    @Test
    void jsonWithAKeyTheRecordsDoNotHaveIsRefused() {
        String json = new String(CatalogLoader.loadForCache(SHIPPED).json(), StandardCharsets.UTF_8)
                .replaceFirst("\"description\"", "\"colour\"");
        assertThrows(IOException.class, () -> CatalogLoader.fromJson(SHIPPED, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** what rules and the executor can ask a catalogue, over the names and paths its own files mention. */
    private static List<Object> answers(PolicyCatalog c) {
        List<Object> out = new ArrayList<>(List.of(c.secretPaths(), c.socketPaths(), c.classNames()));
        List<String> words = SHIPPED.stream()
                .flatMap(f -> Stream.of(f.text().split("[\\s,\\[\\]'\"]+")))
                .filter(w -> !w.isBlank()).distinct().toList();
        for (String w : words) {
            String path = w.replace("**", "x").replace("*", "y").replace("~", "/root");
            out.add(List.of(w, c.classesOf(w), c.queryProgram(w), c.socketsFor(w), String.valueOf(c.secretGroup(path)), c.secretDir(path),
                    c.secretsBeneath(path), c.persistence(path), String.valueOf(c.controlGroup(path)),
                    c.query(w, List.of("-l")), String.valueOf(c.queryProblem(w, List.of("status", "x")))));
        }
        return out;
    }
}
