package io.leadflow.events.rest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

/**
 * What the schemas say that only the Java types behind them know: a view's primitive field ({@code int},
 * {@code boolean}) is never {@code null} and always written, so it is required; a field marked {@link Coded} holds
 * the codes of its {@link Term}, so an exhaustive term's codes are its enum.
 *
 * <p>The scan names a component schema after its class's simple name (with a number when two share one), so a class
 * is matched to the schemas of that name whose properties it has. Only schemas that are read and never sent get
 * primitives required: a request may leave a primitive out (it then reads as 0 or false).
 */
final class SchemaJavaTypes {

    private static final DotName CODED = DotName.createSimple(Coded.class.getName());
    private static final DotName JSON_PROPERTY = DotName.createSimple("com.fasterxml.jackson.annotation.JsonProperty");
    private static final DotName JSON_IGNORE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonIgnore");
    private static final String COMPONENT = "#/components/schemas/";

    private final IndexView index;

    SchemaJavaTypes(IndexView index) {
        this.index = index;
    }

    void apply(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> sent = reachable(schemas, requestSchemas(api));
        Map<String, List<ClassInfo>> bySimpleName = new HashMap<>();
        for (ClassInfo type : index.getKnownClasses()) {
            bySimpleName.computeIfAbsent(simpleName(type), k -> new ArrayList<>()).add(type);
        }
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            Schema schema = entry.getValue();
            if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
                continue;
            }
            String name = entry.getKey();
            List<ClassInfo> candidates = bySimpleName.getOrDefault(name, List.of());
            if (candidates.isEmpty()) {
                candidates = bySimpleName.getOrDefault(name.replaceFirst("\\d+$", ""), List.of());
            }
            for (ClassInfo type : candidates) {
                Map<String, FieldInfo> fields = jsonFields(type);
                if (!fields.keySet().containsAll(schema.getProperties().keySet())) {
                    continue;
                }
                describe(schema, fields, !sent.contains(name));
            }
        }
    }

    private static void describe(Schema schema, Map<String, FieldInfo> fields, boolean readOnly) {
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            FieldInfo field = fields.get(property.getKey());
            AnnotationInstance coded = field.annotation(CODED);
            if (coded != null) {
                codes(property.getValue(), Term.valueOf(coded.value().asEnum()));
            }
            boolean required = schema.getRequired() != null && schema.getRequired().contains(property.getKey());
            if (readOnly && field.type().kind() == Type.Kind.PRIMITIVE && !required) {
                schema.addRequired(property.getKey());
            }
        }
    }

    /** The term's codes on a text property, or on the items of a list of them. */
    private static void codes(Schema property, Term term) {
        Schema text = property;
        if (property.getType() != null && property.getType().contains(Schema.SchemaType.ARRAY)
                && property.getItems() != null) {
            text = property.getItems();
        }
        if (text.getType() == null || !text.getType().contains(Schema.SchemaType.STRING)) {
            return;
        }
        if (term.exhaustive()) {
            text.setEnumeration(new ArrayList<>(term.codes()));
        } else {
            String known = "Known codes: " + String.join(", ", term.codes()) + " (others may be added: show an "
                    + "unknown one as sent).";
            text.setDescription(text.getDescription() == null ? known : text.getDescription() + " " + known);
        }
    }

    /** Jackson's property names of a view's fields: the field's name, or its {@code @JsonProperty}. */
    private static Map<String, FieldInfo> jsonFields(ClassInfo type) {
        Map<String, FieldInfo> fields = new LinkedHashMap<>();
        for (FieldInfo field : type.fields()) {
            if (java.lang.reflect.Modifier.isStatic(field.flags()) || field.hasAnnotation(JSON_IGNORE)) {
                continue;
            }
            String name = field.name();
            AnnotationInstance renamed = field.annotation(JSON_PROPERTY);
            if (renamed != null) {
                AnnotationValue value = renamed.value();
                if (value != null && !value.asString().isEmpty()) {
                    name = value.asString();
                }
            }
            fields.put(name, field);
        }
        return fields;
    }

    private static String simpleName(ClassInfo type) {
        String local = type.name().local();
        return local.substring(local.lastIndexOf('$') + 1);
    }

    private static List<Schema> requestSchemas(OpenAPI api) {
        List<Schema> roots = new ArrayList<>();
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return roots;
        }
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getRequestBody() != null) {
                    roots.addAll(schemasOf(op.getRequestBody().getContent()));
                }
                if (op.getParameters() != null) {
                    op.getParameters().stream().filter(p -> p.getSchema() != null)
                            .forEach(p -> roots.add(p.getSchema()));
                }
            }
        }
        return roots;
    }

    private static List<Schema> schemasOf(Content content) {
        List<Schema> found = new ArrayList<>();
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType media : content.getMediaTypes().values()) {
                if (media.getSchema() != null) {
                    found.add(media.getSchema());
                }
            }
        }
        return found;
    }

    /** The names of the component schemas the roots use, directly or through each other. */
    private static Set<String> reachable(Map<String, Schema> components, List<Schema> roots) {
        Set<String> names = new HashSet<>();
        Deque<Schema> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Schema schema = todo.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(COMPONENT)) {
                String name = schema.getRef().substring(COMPONENT.length());
                if (names.add(name) && components.containsKey(name)) {
                    todo.push(components.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(todo::push);
            }
            if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                todo.push(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(),
                    schema.getOneOf())) {
                if (parts != null) {
                    parts.forEach(todo::push);
                }
            }
        }
        return names;
    }
}
