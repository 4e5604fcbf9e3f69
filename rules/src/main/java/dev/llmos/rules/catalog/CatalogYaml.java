package dev.llmos.rules.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.llmos.engine.policy.PolicyProblem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * the yaml side of the catalogues, apart from the loader: a warm start reads the parsed catalogue
 * from the policy cache as json, and should not load snakeyaml or jackson's yaml module at all.
 */
final class CatalogYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CatalogYaml() {
    }

    /** one file's document, or null when it is empty or does not parse (then its problem is added). */
    static CatalogDocument parse(CatalogLoader.CatalogFile file, List<PolicyProblem> problems) {
        try {
            return YAML.readValue(file.text(), CatalogDocument.class);
        } catch (UnrecognizedPropertyException e) {
            CatalogLoader.at(file, problems, e.getPropertyName() + ":", "unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new PolicyProblem(file.path(), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "bad catalogue: " + e.getOriginalMessage(), true));
        }
        return null;
    }
}
