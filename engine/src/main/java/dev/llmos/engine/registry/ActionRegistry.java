package dev.llmos.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * every action kind this build knows. it fails fast: a duplicate type, a schema that does not match
 * its params record or a fact type that is not an {@link ActionFact} stops start-up with a message
 * naming the class.
 */
public final class ActionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRegistry.class);
    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    /** fields every action has; the engine owns them, fragments may not redefine them. */
    public static final Set<String> HEADER_FIELDS = Set.of("id", "type", "reason", "danger");

    private final Map<String, ActionHandler<?>> handlers;

    private ActionRegistry(Map<String, ActionHandler<?>> handlers) {
        this.handlers = handlers;
    }

    /** the handlers on the class path, found with {@link ServiceLoader}. */
    public static ActionRegistry discover() {
        return discover(ActionRegistry.class.getClassLoader());
    }

    @SuppressWarnings("rawtypes")
    public static ActionRegistry discover(ClassLoader loader) {
        List<ActionHandler<?>> found = new ArrayList<>();
        Iterator<ActionHandler> it = ServiceLoader.load(ActionHandler.class, loader).iterator();
        while (it.hasNext()) {
            found.add(it.next());
        }
        ActionRegistry registry = of(found);
        LOG.debug("action handlers: {}", registry.handlers.keySet());
        return registry;
    }

    /** an explicit set of handlers, for tests that inject their own. */
    public static ActionRegistry of(Collection<? extends ActionHandler<?>> list) {
        Map<String, ActionHandler<?>> byType = new TreeMap<>();
        for (ActionHandler<?> handler : list) {
            ActionSpec<?> spec = handler.spec();
            String where = handler.getClass().getName();
            check(spec, where);
            ActionHandler<?> previous = byType.putIfAbsent(spec.type(), handler);
            if (previous != null) {
                throw new RegistryException("action type \"" + spec.type() + "\" is declared twice: by "
                        + previous.getClass().getName() + " and by " + where);
            }
        }
        return new ActionRegistry(byType);
    }

    private static void check(ActionSpec<?> spec, String where) {
        if (spec == null || spec.type() == null || !TYPE.matcher(spec.type()).matches()) {
            throw new RegistryException(where + ": action type must match " + TYPE.pattern()
                    + ", got " + (spec == null ? "no spec" : spec.type()));
        }
        if (spec.summary() == null || spec.summary().isBlank()) {
            throw new RegistryException(where + ": action " + spec.type() + " has no summary");
        }
        if (spec.paramsType() == null || !spec.paramsType().isRecord()) {
            throw new RegistryException(where + ": params type of " + spec.type() + " must be a record");
        }
        if (spec.factType() == null || !ActionFact.class.isAssignableFrom(spec.factType())) {
            throw new RegistryException(where + ": fact type of " + spec.type() + " must implement ActionFact");
        }
        JsonNode schema = spec.schema();
        if (schema == null || !schema.isObject() || !schema.path("properties").isObject()) {
            throw new RegistryException(where + ": schema of " + spec.type() + " must be an object with \"properties\"");
        }
        Set<String> components = new java.util.HashSet<>();
        var naming = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        for (var component : spec.paramsType().getRecordComponents()) {
            components.add(naming.translate(component.getName()));
        }
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (HEADER_FIELDS.contains(name)) {
                throw new RegistryException(where + ": schema of " + spec.type() + " redefines header field " + name);
            }
            if (!components.contains(name)) {
                throw new RegistryException(where + ": schema of " + spec.type() + " declares " + name
                        + ", which " + spec.paramsType().getSimpleName() + " has no component for");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!schema.path("properties").has(required.asText())) {
                throw new RegistryException(where + ": schema of " + spec.type() + " requires undeclared " + required.asText());
            }
        }
    }

    public Optional<ActionHandler<?>> handler(String type) {
        return Optional.ofNullable(handlers.get(type));
    }

    /** every spec, sorted by type, so generated schemas and listings are stable. */
    public List<ActionSpec<?>> specs() {
        return handlers.values().stream().<ActionSpec<?>>map(ActionHandler::spec).toList();
    }

    public Set<String> types() {
        return handlers.keySet();
    }

    /** a registry that cannot be used. */
    public static final class RegistryException extends RuntimeException {
        public RegistryException(String message) {
            super(message);
        }
    }
}
