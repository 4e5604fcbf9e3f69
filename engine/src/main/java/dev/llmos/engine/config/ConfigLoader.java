package dev.llmos.engine.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * the one reader of the admin's config files (config.json, llm.json): a json object bound to the
 * record the caller names, keys in snake_case. strict: an unknown or repeated key, a null, a string
 * where a number belongs (or the other way round) and a fraction where a whole number belongs are
 * errors naming the file, the key's json pointer and what was expected. absent keys are null
 * components; which source wins over the file is {@link Precedence}'s business.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param what how the file is named in errors ("config", "model config")
     * @throws ConfigException when the file is missing, unreadable, not json or does not fit {@code type}
     */
    public static <T extends Record> T read(String what, Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(what, file, "", "does not exist");
        } catch (IOException e) {
            throw new ConfigException(what, file, "", "cannot be read: " + e.getMessage());
        }
        return parse(what, file, text, type);
    }

    /** the same as {@link #read} for text already in hand; {@code file} only names it in errors. */
    public static <T extends Record> T parse(String what, Path file, String text, Class<T> type) {
        if (text.isBlank()) {
            throw new ConfigException(what, file, "", "is empty; write a json object, {} for all defaults");
        }
        JsonNode tree;
        try {
            tree = Strict.MAPPER.readTree(text);
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                String at = e.getProcessor() == null ? "" : e.getProcessor().getParsingContext().pathAsPointer().toString();
                throw new ConfigException(what, file, at, "duplicate key; each key may appear once", e);
            }
            throw new ConfigException(what, file, "", "not valid json at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + message, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(what, file, "", "not valid json: " + e.getOriginalMessage(), e);
        }
        if (!tree.isObject()) {
            throw new ConfigException(what, file, "", "expected a json object" + got(tree));
        }
        noNulls(what, file, tree, "");
        try {
            return Strict.MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            Collection<Object> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds();
            throw new ConfigException(what, file, pointer(e), "unknown key " + e.getPropertyName() + " (known: "
                    + String.join(", ", new TreeSet<>(known.stream().map(Object::toString).toList())) + ")", e);
        } catch (MismatchedInputException e) {
            String at = pointer(e);
            throw new ConfigException(what, file, at, "expected " + expected(e.getTargetType()) + got(tree.at(at)), e);
        } catch (JsonMappingException e) {
            // a record that refuses a value in its constructor says why in its own message
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(what, file, pointer(e), cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(what, file, "", e.getOriginalMessage(), e);
        }
    }

    /** a null would read as "not given" and silently bring back the default: the key is left out instead. */
    private static void noNulls(String what, Path file, JsonNode node, String at) {
        if (node.isNull()) {
            throw new ConfigException(what, file, at, "null is not a value here; leave the key out for the default");
        }
        if (node.isObject()) {
            node.properties().forEach(e -> noNulls(what, file, e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1")));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noNulls(what, file, node.get(i), at + "/" + i);
            }
        }
    }

    /**
     * the keys a file gave, by their json names, with their values (absent keys left out), for
     * merging with flags and environment variables that use the same names.
     */
    public static Map<String, Object> entries(Record values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : values.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(values);
                if (v != null) {
                    out.put(key(c.getName()), v);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("record component " + c.getName() + " cannot be read", e);
            }
        }
        return out;
    }

    /** the json keys a record type takes, sorted. */
    public static List<String> keys(Class<? extends Record> type) {
        return new TreeSet<>(java.util.Arrays.stream(type.getRecordComponents()).map(c -> key(c.getName())).toList())
                .stream().toList();
    }

    /** a record component's key in the file: {@code maxClients} is {@code max_clients}. */
    public static String key(String component) {
        return ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE).translate(component);
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            out.append('/');
            if (ref.getFieldName() != null) {
                out.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else {
                out.append(ref.getIndex());
            }
        }
        return out.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isRecord() || Map.class.isAssignableFrom(type)) {
            return "a json object";
        }
        return "a " + type.getSimpleName();
    }

    private static String got(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "";
        }
        return switch (node.getNodeType()) {
            case STRING -> ", got a string";
            case NUMBER -> node.isIntegralNumber() ? ", got a whole number" : ", got a fraction";
            case BOOLEAN -> ", got " + node.asText();
            case ARRAY -> ", got a list";
            case OBJECT, POJO -> ", got an object";
            case NULL, MISSING, BINARY -> "";
        };
    }

    /** built on first use, so commands that read no config file never build it. */
    private static final class Strict {
        static final ObjectMapper MAPPER = build();

        private static ObjectMapper build() {
            JsonMapper mapper = JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .build();
            // "8" is not 8 and 8 is not "8": the file says what it means
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            for (LogicalType t : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
                mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            }
            mapper.coercionConfigFor(LogicalType.Collection)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            return mapper;
        }
    }
}
