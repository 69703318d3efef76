package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.testing.SampleEvents;

/**
 * lead-contract/asyncapi.yaml is the event contract as the code implements it. This test reads the Java contract
 * (records, EventType, Topics, EventEnvelope, SampleEvents) by reflection, the services' publishers and handlers and
 * the topic settings of deploy/local and deploy/k8s from their sources, and fails on every difference with a message
 * that names the place to fix.
 */
class AsyncApiContractTest {

    static final Path DOC = Repo.ROOT.resolve("lead-contract/asyncapi.yaml");
    static final String CONTRACT = "lead-contract/src/main/java/io/leadflow/events/contract/";
    static final String SCHEMAS = "#/components/schemas/";
    static final List<String> SERVICES = List.of("lead-intake-service", "lead-routing-service", "followup-service",
            "analytics-service");
    /** EventsConfig.Consumer#groupPrefix's default: consumer groups are {@code leadflow.<handler name>}. */
    static final String GROUP_PREFIX = "leadflow.";
    static final ObjectMapper JSON = EventJson.mapper();

    static final Map<String, Object> ROOT = Repo.single(DOC);

    // ---------------------------------------------------------------------------------------------------------
    // the classes on the classpath are the checked-out ones

    @Test
    void leadEventsOnTheClasspathMatchesTheSources() {
        List<String> problems = new ArrayList<>();
        Matcher m = Pattern.compile("record\\s+(\\w+)\\s*\\(([^)]*)\\)").matcher("");
        for (Path file : Repo.files(Repo.ROOT.resolve(CONTRACT), ".java")) {
            m.reset(Repo.read(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", ""));
            while (m.find()) {
                String simple = m.group(1);
                List<String> fromSource = Arrays.stream(m.group(2).replaceAll("<[^>]*>", "").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.substring(s.lastIndexOf(' ') + 1))
                        .toList();
                Class<?> type = contractRecord(simple);
                List<String> onClasspath = type == null ? List.of()
                        : Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
                if (!fromSource.equals(onClasspath)) {
                    problems.add(file.getFileName() + ": record " + simple + fromSource + " but the lead-contract jar on the"
                            + " test classpath has " + onClasspath + " (" + where(EventType.class) + ")");
                }
            }
        }
        report(problems, "The lead-contract classes this check reads are older than lead-contract/src. Install them first: "
                + "mvn -B -q -pl lead-contract install -DskipTests");
    }

    // ---------------------------------------------------------------------------------------------------------
    // AsyncAPI 3.0 structure

    @Test
    void isAnAsyncApi3DocumentWhoseReferencesResolve() {
        List<String> problems = new ArrayList<>();
        if (!"3.0.0".equals(String.valueOf(ROOT.get("asyncapi")))) {
            problems.add("asyncapi: must be 3.0.0, is " + ROOT.get("asyncapi"));
        }
        for (String key : List.of("title", "version")) {
            if (isBlank(Repo.str(Repo.map(ROOT, "info"), key))) {
                problems.add("info." + key + " missing");
            }
        }
        Set<String> allowed = Set.of("asyncapi", "id", "info", "servers", "defaultContentType", "channels", "operations",
                "components");
        ROOT.keySet().stream().filter(k -> !allowed.contains(k) && !k.startsWith("x-"))
                .forEach(k -> problems.add("unknown top-level field " + k));
        Repo.map(ROOT, "servers").forEach((name, server) -> {
            if (isBlank(Repo.str(server, "host")) || isBlank(Repo.str(server, "protocol"))) {
                problems.add("servers." + name + " needs host and protocol");
            }
        });
        Map<String, Object> channels = Repo.map(ROOT, "channels");
        if (channels.isEmpty()) {
            problems.add("channels: none");
        }
        channels.forEach((name, channel) -> {
            if (isBlank(Repo.str(channel, "address"))) {
                problems.add("channels." + name + ".address missing");
            }
            Repo.map(channel, "messages").forEach((key, ref) -> {
                String target = Repo.str(ref, "$ref");
                if (target == null || !target.startsWith("#/components/messages/")) {
                    problems.add("channels." + name + ".messages." + key + " must $ref a components.messages entry");
                }
            });
        });
        Repo.map(ROOT, "operations").forEach((name, op) -> {
            String where = "operations." + name;
            String action = Repo.str(op, "action");
            if (!"send".equals(action) && !"receive".equals(action)) {
                problems.add(where + ".action must be send or receive, is " + action);
            }
            String channelRef = Repo.str(Repo.map(op, "channel"), "$ref");
            if (channelRef == null || !channelRef.matches("#/channels/[^/]+")) {
                problems.add(where + ".channel must be {$ref: '#/channels/<name>'}, is " + channelRef);
                return;
            }
            for (Object message : Repo.list(op, "messages")) {
                String ref = Repo.str(message, "$ref");
                if (ref == null || !ref.startsWith(channelRef + "/messages/")) {
                    problems.add(where + ".messages: " + ref + " is not a message of its channel " + channelRef);
                }
            }
            if (Repo.list(op, "messages").isEmpty()) {
                problems.add(where + ".messages: none");
            }
        });
        walk(ROOT, "", (path, node) -> {
            if (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref && resolve(ref) == null) {
                problems.add(path + ".$ref: " + ref + " does not resolve");
            }
            if (node instanceof Date) {
                problems.add(path + ": YAML read this as a timestamp; quote it so it stays the string JSON carries");
            }
        });
        Map<String, Object> messages = Repo.map(Repo.map(ROOT, "components"), "messages");
        Set<String> listed = new TreeSet<>();
        channels.values().forEach(c -> Repo.map(c, "messages").values()
                .forEach(r -> listed.add(Repo.str(r, "$ref").substring("#/components/messages/".length()))));
        messages.keySet().stream().filter(m -> !listed.contains(m))
                .forEach(m -> problems.add("components.messages." + m + " is on no channel"));
        report(problems, "asyncapi.yaml is not a well-formed AsyncAPI 3.0 document");
    }

    // ---------------------------------------------------------------------------------------------------------
    // messages and the records behind them

    @Test
    void everyEventTypeIsAMessageOnItsTopicAndViceVersa() {
        List<String> problems = new ArrayList<>();
        Set<Class<?>> permitted = Set.of(LeadEvent.class.getPermittedSubclasses());
        Set<Class<?>> typed = Arrays.stream(EventType.values()).map(EventType::payloadType).collect(Collectors.toSet());
        if (!permitted.equals(typed)) {
            problems.add("LeadEvent permits " + permitted + " but EventType lists " + typed);
        }
        Map<String, Object> messages = Repo.map(Repo.map(ROOT, "components"), "messages");
        for (EventType type : EventType.values()) {
            String code = type.code();
            String where = "components.messages." + code;
            Object message = messages.get(code);
            if (message == null) {
                problems.add("EventType." + type + " (" + code + ") has no message " + where);
                continue;
            }
            if (!code.equals(Repo.str(message, "name"))) {
                problems.add(where + ".name must be " + code);
            }
            List<Object> allOf = Repo.list(Repo.map(message, "payload"), "allOf");
            Object own = allOf.size() == 2 ? allOf.get(1) : Map.of();
            if (allOf.size() != 2 || !"#/components/schemas/EventEnvelope".equals(Repo.str(allOf.get(0), "$ref"))) {
                problems.add(where + ".payload must be allOf [{$ref: '#/components/schemas/EventEnvelope'}, {...}]");
            }
            Map<String, Object> props = Repo.map(own, "properties");
            if (!code.equals(Repo.str(Repo.map(props, "eventType"), "const"))) {
                problems.add(where + ".payload.allOf[1].properties.eventType.const must be " + code);
            }
            if (!String.valueOf(type.schemaVersion()).equals(Repo.str(Repo.map(props, "schemaVersion"), "const"))) {
                problems.add(where + ".payload.allOf[1].properties.schemaVersion.const must be " + type.schemaVersion()
                        + " (EventType.schemaVersion())");
            }
            if (!(SCHEMAS + code).equals(Repo.str(Repo.map(props, "payload"), "$ref"))) {
                problems.add(where + ".payload.allOf[1].properties.payload must $ref " + SCHEMAS + code);
            }
            List<String> onChannels = channelsListing(code);
            if (!onChannels.equals(List.of(type.topic()))) {
                problems.add(code + " must be listed on exactly the channel with address " + type.topic()
                        + " (EventType." + type + ".topic()), is on " + onChannels);
            }
        }
        Set<String> codes = Arrays.stream(EventType.values()).map(EventType::code).collect(Collectors.toSet());
        messages.keySet().stream().filter(m -> !codes.contains(m) && !m.equals("DeadLetter"))
                .forEach(m -> problems.add("components.messages." + m + " is no EventType of lead-contract"));
        List<Object> eventTypeEnum = Repo.list(schemaProperty("EventEnvelope", "eventType"), "enum");
        if (!Set.copyOf(eventTypeEnum).equals(codes) || eventTypeEnum.size() != codes.size()) {
            problems.add("components.schemas.EventEnvelope.properties.eventType.enum must be exactly the EventType codes "
                    + new TreeSet<>(codes) + ", is " + eventTypeEnum);
        }
        report(problems, "asyncapi.yaml's messages differ from lead-contract's EventType/LeadEvent");
    }

    @Test
    void everyRecordComponentIsInItsSchemaWithACompatibleTypeAndTheRightRequiredness() {
        List<String> problems = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(EventEnvelope.class);
        Arrays.stream(EventType.values()).map(EventType::payloadType).forEach(todo::add);
        Set<Class<?>> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            Class<?> record = todo.poll();
            if (!seen.add(record)) {
                continue;
            }
            String schemaName = record.getSimpleName();
            String where = "components.schemas." + schemaName;
            Map<String, Object> schema = Repo.map(Repo.map(Repo.map(ROOT, "components"), "schemas"), schemaName);
            if (schema.isEmpty()) {
                problems.add(javaName(record) + " has no schema " + where);
                continue;
            }
            if (!"object".equals(Repo.str(schema, "type"))) {
                problems.add(where + ".type must be object");
            }
            Map<String, Object> properties = Repo.map(schema, "properties");
            Set<String> components = new LinkedHashSet<>();
            for (RecordComponent component : record.getRecordComponents()) {
                components.add(component.getName());
                String name = javaName(record) + "." + component.getName();
                if (!properties.containsKey(component.getName())) {
                    problems.add(name + " missing from " + where);
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> property = (Map<String, Object>) properties.get(component.getName());
                checkType(component.getGenericType(), property, where + ".properties." + component.getName(), name,
                        problems, todo);
                checkEnum(record, component, property, where + ".properties." + component.getName(), problems);
            }
            properties.keySet().stream().filter(p -> !components.contains(p)).forEach(p -> problems.add(
                    where + ".properties." + p + " is not a component of record " + javaName(record)));
            Set<String> required = new TreeSet<>(Repo.list(schema, "required").stream().map(String::valueOf).toList());
            Set<String> alwaysWritten = alwaysWritten(record);
            if (!required.equals(alwaysWritten)) {
                Set<String> add = new TreeSet<>(alwaysWritten);
                add.removeAll(required);
                Set<String> drop = new TreeSet<>(required);
                drop.removeAll(alwaysWritten);
                problems.add(where + ".required must be " + alwaysWritten + " (primitives, and components the "
                        + javaName(record) + " constructor refuses as null; EventJson omits nulls)"
                        + (add.isEmpty() ? "" : "; add " + add) + (drop.isEmpty() ? "" : "; remove " + drop));
            }
        }
        report(problems, "asyncapi.yaml's schemas differ from lead-contract's records");
    }

    /** Primitives are always written; a reference is written unless null, so it is required only if null is refused. */
    static Set<String> alwaysWritten(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] baseline = new Object[components.length];
        if (record == EventEnvelope.class) {
            EventEnvelope sample = SampleEvents.all().get(EventType.LEAD_WON);
            for (int i = 0; i < components.length; i++) {
                baseline[i] = invoke(components[i], sample);
            }
        } else {
            for (int i = 0; i < components.length; i++) {
                baseline[i] = sampleOf(components[i].getGenericType());
            }
        }
        Constructor<?> canonical = canonical(record);
        construct(canonical, baseline); // must work with every component set
        Set<String> written = new TreeSet<>();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive()) {
                written.add(components[i].getName());
                continue;
            }
            Object[] args = baseline.clone();
            args[i] = null;
            try {
                construct(canonical, args);
            } catch (RuntimeException refused) {
                written.add(components[i].getName());
            }
        }
        return written;
    }

    static void checkType(Type type, Map<String, Object> schema, String where, String javaName, List<String> problems,
                          Collection<Class<?>> records) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw.isRecord()) {
            String expected = SCHEMAS + raw.getSimpleName();
            if (!expected.equals(Repo.str(schema, "$ref"))) {
                problems.add(where + " must be {$ref: '" + expected + "'} (" + javaName + " is a "
                        + raw.getSimpleName() + ")");
            }
            records.add(raw);
            return;
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!"array".equals(Repo.str(schema, "type"))) {
                problems.add(where + ".type must be array (" + javaName + " is a List)");
                return;
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            checkType(element, Repo.map(schema, "items"), where + ".items", javaName + "[]", problems, records);
            return;
        }
        if (raw == LeadEvent.class) {
            if (!"object".equals(Repo.str(schema, "type"))) {
                problems.add(where + ".type must be object (" + javaName + " is a LeadEvent)");
            }
            return;
        }
        String[] expected = jsonType(raw);
        if (expected == null) {
            problems.add(javaName + " has Java type " + raw.getName() + ", which this check cannot map to JSON; teach "
                    + "AsyncApiContractTest.jsonType how EventJson writes it");
            return;
        }
        if (!expected[0].equals(Repo.str(schema, "type"))) {
            problems.add(where + ".type must be " + expected[0] + " (" + javaName + " is a " + raw.getSimpleName() + ")");
        }
        if (!Objects.equals(expected[1], Repo.str(schema, "format"))) {
            problems.add(where + ".format must be " + (expected[1] == null ? "absent" : expected[1]) + " (" + javaName
                    + " is a " + raw.getSimpleName() + ")");
        }
    }

    /** JSON type and format of a Java type as EventJson (Jackson, JavaTimeModule, ISO dates) writes it. */
    static String[] jsonType(Class<?> raw) {
        if (raw == String.class) {
            return new String[] {"string", null};
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class
                || raw == Short.class) {
            return new String[] {"integer", null};
        }
        if (raw == BigDecimal.class || raw == double.class || raw == Double.class) {
            return new String[] {"number", null};
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new String[] {"boolean", null};
        }
        if (raw == Instant.class) {
            return new String[] {"string", "date-time"};
        }
        if (raw == LocalDate.class) {
            return new String[] {"string", "date"};
        }
        if (raw == UUID.class) {
            return new String[] {"string", "uuid"};
        }
        return null;
    }

    static void checkEnum(Class<?> record, RecordComponent component, Map<String, Object> property, String where,
                          List<String> problems) {
        List<Object> values = Repo.list(property, "enum");
        String source = Repo.str(property, "x-leadflow-enum-source");
        if (record == EventEnvelope.class && component.getName().equals("eventType")) {
            return; // compared with EventType in everyEventTypeIsAMessageOnItsTopicAndViceVersa
        }
        if (values.isEmpty() && source == null) {
            return;
        }
        if (component.getType() != String.class) {
            problems.add(where + ": enum on a " + component.getType().getSimpleName() + "; only String components carry codes");
            return;
        }
        if (source == null || values.isEmpty()) {
            problems.add(where + ": an enum needs x-leadflow-enum-source (the Java enum whose constant names the producer "
                    + "writes) and the enum list, or neither");
            return;
        }
        Path file = Repo.ROOT.resolve(source);
        if (!Files.isRegularFile(file)) {
            problems.add(where + ".x-leadflow-enum-source: " + source + " does not exist");
            return;
        }
        Set<String> expected = new TreeSet<>(enumConstants(Repo.read(file)));
        Repo.list(property, "x-leadflow-enum-extra").forEach(v -> expected.add(String.valueOf(v)));
        Set<String> actual = new TreeSet<>(values.stream().map(String::valueOf).toList());
        if (!expected.equals(actual) || values.size() != actual.size()) {
            problems.add(where + ".enum must be exactly " + expected + " (constants of " + file.getFileName()
                    + " plus x-leadflow-enum-extra), is " + values);
        }
    }

    /** The constant names of the first enum declared in a Java source file. */
    static List<String> enumConstants(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Matcher m = Pattern.compile("\\benum\\s+\\w+[^{]*\\{").matcher(code);
        if (!m.find()) {
            return List.of();
        }
        List<String> constants = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = m.end(); i < code.length(); i++) {
            char c = code.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if ((c == ')' || c == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ';' || c == '}')) {
                Matcher id = Pattern.compile("^\\s*(?:@\\w+\\s*)*([A-Z][A-Z0-9_]*)").matcher(segment);
                if (id.find()) {
                    constants.add(id.group(1));
                }
                segment.setLength(0);
                if (c != ',') {
                    break;
                }
                continue;
            }
            if (depth == 0) {
                segment.append(c);
            }
        }
        return constants;
    }

    // ---------------------------------------------------------------------------------------------------------
    // examples: the golden samples, valid against their schemas

    @Test
    void examplesAreTheGoldenSamplesAndValidAgainstTheirSchemas() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<EventType, EventEnvelope> samples = SampleEvents.all();
        Map<String, Object> messages = Repo.map(Repo.map(ROOT, "components"), "messages");
        for (EventType type : EventType.values()) {
            String where = "components.messages." + type.code() + ".examples";
            Object message = messages.get(type.code());
            List<Object> examples = Repo.list(message, "examples");
            if (examples.isEmpty()) {
                problems.add(where + ": none; use the golden sample of " + type.code());
                continue;
            }
            JsonNode sample = JSON.readTree(EventJson.encode(samples.get(type)));
            Path goldenFile = Repo.ROOT.resolve("lead-contract/src/test/resources/golden/" + type.code() + ".json");
            JsonNode golden = JSON.readTree(Repo.read(goldenFile));
            JsonNode first = JSON.valueToTree(Repo.map(examples.get(0), "payload"));
            if (!first.equals(sample)) {
                problems.add(where + "[0].payload must be SampleEvents' " + type.code() + " as EventJson writes it:\n      "
                        + sample + "\n    is\n      " + first);
            }
            if (!golden.equals(sample)) {
                problems.add(goldenFile + " differs from SampleEvents on the classpath (stale lead-contract jar?)");
            }
            for (int i = 0; i < examples.size(); i++) {
                JsonNode payload = JSON.valueToTree(Repo.map(examples.get(i), "payload"));
                validate(payload, Repo.map(message, "payload"), where + "[" + i + "].payload", problems);
                JsonNode headers = JSON.valueToTree(Repo.map(examples.get(i), "headers"));
                validate(headers, messageHeaders(message), where + "[" + i + "].headers", problems);
                if (!headers.path("eventId").equals(payload.path("eventId"))
                        || !headers.path("eventType").equals(payload.path("eventType"))) {
                    problems.add(where + "[" + i + "].headers: eventId and eventType must equal the envelope's");
                }
                String producer = payload.path("producer").asText();
                String sender = sendersOf(type.code()).stream().findFirst().orElse("?");
                if (!producer.equals(sender)) {
                    problems.add(where + "[" + i + "].payload.producer is " + producer + " but " + type.code()
                            + " is sent by " + sender);
                }
            }
            // EventJson's own output (also with every optional field absent) must satisfy the schema.
            validate(sample, Repo.map(message, "payload"), "SampleEvents " + type.code(), problems);
        }
        report(problems, "asyncapi.yaml's examples differ from the golden samples or fail their own schemas");
    }

    /** A JSON Schema subset: $ref, allOf, type, const, enum, required, properties, items, format, pattern, minimum, maxLength. */
    static void validate(JsonNode value, Map<String, Object> schema, String where, List<String> problems) {
        String ref = Repo.str(schema, "$ref");
        if (ref != null) {
            Object target = resolve(ref);
            if (target instanceof Map<?, ?>) {
                validate(value, asMap(target), where, problems);
            }
            return;
        }
        for (Object part : Repo.list(schema, "allOf")) {
            validate(value, asMap(part), where, problems);
        }
        String type = Repo.str(schema, "type");
        if (type != null && !hasType(value, type)) {
            problems.add(where + ": " + value + " is not of type " + type);
            return;
        }
        if (schema.containsKey("const") && !JSON.valueToTree(schema.get("const")).equals(value)) {
            problems.add(where + ": " + value + " is not the const " + schema.get("const"));
        }
        List<Object> values = Repo.list(schema, "enum");
        if (!values.isEmpty() && values.stream().map(v -> (JsonNode) JSON.valueToTree(v)).noneMatch(value::equals)) {
            problems.add(where + ": " + value + " is not one of " + values);
        }
        if (value.isObject()) {
            for (Object name : Repo.list(schema, "required")) {
                if (!value.has(String.valueOf(name))) {
                    problems.add(where + ": required property " + name + " missing");
                }
            }
            Repo.map(schema, "properties").forEach((name, sub) -> {
                if (value.has(name)) {
                    validate(value.get(name), asMap(sub), where + "." + name, problems);
                }
            });
        }
        if (value.isArray() && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < value.size(); i++) {
                validate(value.get(i), asMap(items), where + "[" + i + "]", problems);
            }
        }
        if (value.isTextual()) {
            String text = value.asText();
            String format = Repo.str(schema, "format");
            if (format != null && !matchesFormat(text, format)) {
                problems.add(where + ": " + text + " is not a " + format);
            }
            String pattern = Repo.str(schema, "pattern");
            if (pattern != null && !Pattern.compile(pattern).matcher(text).find()) {
                problems.add(where + ": " + text + " does not match " + pattern);
            }
            if (schema.get("maxLength") instanceof Number max && text.length() > max.intValue()) {
                problems.add(where + ": longer than " + max);
            }
        }
        if (value.isNumber() && schema.get("minimum") instanceof Number min && value.asDouble() < min.doubleValue()) {
            problems.add(where + ": " + value + " is below " + min);
        }
    }

    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    static boolean matchesFormat(String text, String format) {
        try {
            switch (format) {
                case "date-time" -> OffsetDateTime.parse(text);
                case "date" -> LocalDate.parse(text);
                case "uuid" -> {
                    if (!UUID.fromString(text).toString().equals(text.toLowerCase())) {
                        return false;
                    }
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // topics, keys and headers

    @Test
    void everyTopicIsAChannelWithItsAddressPartitionsAndRetention() {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> localPartitions = kafkaShPartitions();
        Map<String, Map<String, Object>> kubernetes = strimziTopics();
        List<String> expected = new ArrayList<>();
        for (String topic : Topics.ALL) {
            expected.add(topic);
            expected.add(Topics.deadLetterOf(topic));
        }
        Map<String, Object> channels = Repo.map(ROOT, "channels");
        List<String> addresses = channels.values().stream().map(c -> Repo.str(c, "address")).toList();
        if (!new TreeSet<>(addresses).equals(new TreeSet<>(expected)) || addresses.size() != expected.size()) {
            problems.add("channels' addresses must be exactly Topics.ALL and their Topics.deadLetterOf: " + expected
                    + ", are " + addresses);
        }
        channels.forEach((name, channel) -> {
            String address = Repo.str(channel, "address");
            String where = "channels." + name;
            Map<String, Object> kafka = Repo.map(Repo.map(channel, "bindings"), "kafka");
            if (!Objects.equals(address, Repo.str(kafka, "topic"))) {
                problems.add(where + ".bindings.kafka.topic must equal the address " + address);
            }
            Integer local = localPartitions.get(address);
            if (local == null) {
                problems.add(where + ": " + address + " is not a topic of deploy/local/kafka.sh TOPICS");
                return;
            }
            if (!String.valueOf(local).equals(Repo.str(kafka, "partitions"))) {
                problems.add(where + ".bindings.kafka.partitions must be " + local + " (deploy/local/kafka.sh TOPICS)");
            }
            String retention = Repo.str(Repo.map(kafka, "topicConfiguration"), "retention.ms");
            // CreateTopics (run by kafka.sh) keeps the contract topics forever and a .dlq 30 days (retentionOf).
            String createTopics = Repo.read(Repo.ROOT.resolve("deploy/local/kafka/CreateTopics.java"));
            String expectedRetention = !createTopics.contains(
                    "return topic.endsWith(\".dlq\") ? \"2592000000\" : \"-1\";")
                    ? "(CreateTopics.retentionOf no longer keeps topics forever and dead letters 30 days; update this check)"
                    : address.endsWith(".dlq") ? "2592000000" : "-1";
            if (!expectedRetention.equals(retention)) {
                problems.add(where + ".bindings.kafka.topicConfiguration.retention.ms must be " + expectedRetention
                        + " on the local broker");
            }
            Map<String, Object> k8s = kubernetes.getOrDefault(address, Map.of());
            Map<String, Object> documented = Repo.map(channel, "x-leadflow-kubernetes");
            Map<String, String> want = new TreeMap<>();
            want.put("partitions", Repo.str(Repo.map(k8s, "spec"), "partitions"));
            want.put("replicas", Repo.str(Repo.map(k8s, "spec"), "replicas"));
            want.put("retention.ms", Repo.str(Repo.path(k8s, "spec.config"), "retention.ms"));
            want.put("min.insync.replicas", Repo.str(Repo.path(k8s, "spec.config"), "min.insync.replicas"));
            Map<String, String> have = new TreeMap<>();
            want.keySet().forEach(k -> have.put(k, Repo.str(documented, k)));
            if (!want.equals(have)) {
                problems.add(where + ".x-leadflow-kubernetes must be " + want
                        + " (deploy/k8s/base/kafka-topics.yaml), is " + have);
            }
        });
        report(problems, "asyncapi.yaml's channels differ from Topics, deploy/local/kafka.sh or deploy/k8s");
    }

    @Test
    void keysAndHeadersAreTheOnesTheRelayAndConsumersWrite() {
        List<String> problems = new ArrayList<>();
        String idPattern = stringConstant("lead-intake-service/src/main/java/io/leadflow/intake/domain/LeadIds.java",
                "Pattern ID = Pattern.compile\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)").replace("\\\\", "\\");
        Map<String, Object> key = Repo.path(ROOT, "components.messageTraits.LeadEvent.bindings.kafka.key");
        if (!idPattern.equals(Repo.str(key, "pattern"))) {
            problems.add("components.messageTraits.LeadEvent.bindings.kafka.key.pattern must be LeadIds.ID " + idPattern);
        }
        // A policy version is keyed by its policy (LeadEvent.PolicyVersionPublished.key), not by a lead.
        String policyKey = "^" + stringConstant("lead-contract/src/main/java/io/leadflow/events/contract/LeadEvent.java",
                "return \"([A-Z]+-)\" \\+ policy;") + "[A-Z_]+$";
        Map<String, Object> policyTrait = Repo.path(ROOT, "components.messageTraits.PolicyEvent.bindings.kafka.key");
        if (!policyKey.equals(Repo.str(policyTrait, "pattern"))) {
            problems.add("components.messageTraits.PolicyEvent.bindings.kafka.key.pattern must be " + policyKey);
        }
        String envelopeKey = "^(" + idPattern.substring(1, idPattern.length() - 1) + "|"
                + policyKey.substring(1, policyKey.length() - 1) + ")$";
        if (!envelopeKey.equals(Repo.str(schemaProperty("EventEnvelope", "leadId"), "pattern"))) {
            problems.add("components.schemas.EventEnvelope.properties.leadId.pattern must be LeadIds.ID or a policy key: "
                    + envelopeKey);
        }
        String relay = "lead-events/src/main/java/io/leadflow/events/outbox/OutboxRelay.java";
        Set<String> relayHeaders = new TreeSet<>(List.of(stringConstant(relay, "HEADER_EVENT_ID = \"([^\"]+)\""),
                stringConstant(relay, "HEADER_EVENT_TYPE = \"([^\"]+)\"")));
        Map<String, Object> headers = Repo.map(Repo.map(Repo.map(ROOT, "components"), "schemas"), "EventHeaders");
        if (!relayHeaders.equals(new TreeSet<>(Repo.map(headers, "properties").keySet()))
                || !relayHeaders.equals(new TreeSet<>(Repo.list(headers, "required").stream().map(String::valueOf).toList()))) {
            problems.add("components.schemas.EventHeaders must have exactly the required properties " + relayHeaders
                    + " (OutboxRelay.HEADER_*)");
        }
        String loop = Repo.read(Repo.ROOT.resolve("lead-events/src/main/java/io/leadflow/events/consumer/DeadLetterHeaders.java"));
        Matcher m = Pattern.compile("DLQ_\\w+ = \"([^\"]+)\"").matcher(loop);
        Set<String> dlqHeaders = new TreeSet<>();
        while (m.find()) {
            dlqHeaders.add(m.group(1));
        }
        Map<String, Object> dead = Repo.map(Repo.map(Repo.map(ROOT, "components"), "schemas"), "DeadLetterHeaders");
        Set<String> documented = new TreeSet<>(Repo.list(dead, "required").stream().map(String::valueOf).toList());
        if (dlqHeaders.isEmpty() || !dlqHeaders.equals(documented)) {
            problems.add("components.schemas.DeadLetterHeaders.required must be " + dlqHeaders
                    + " (DeadLetterHeaders.DLQ_*), is " + documented);
        }
        Set<String> dlqProperties = new TreeSet<>(Repo.map(dead, "properties").keySet());
        Set<String> expectedProperties = new TreeSet<>(dlqHeaders);
        expectedProperties.addAll(relayHeaders);
        if (!expectedProperties.equals(dlqProperties)) {
            problems.add("components.schemas.DeadLetterHeaders.properties must be " + expectedProperties + ", is "
                    + dlqProperties);
        }
        report(problems, "asyncapi.yaml's keys or headers differ from what the code writes");
    }

    // ---------------------------------------------------------------------------------------------------------
    // who sends and who receives

    @Test
    void operationsAreWhatEachServicePublishesAndConsumes() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> operations = Repo.map(ROOT, "operations");
        operations.forEach((name, op) -> {
            if (!SERVICES.contains(Repo.str(op, "x-leadflow-service"))) {
                problems.add("operations." + name + ".x-leadflow-service must name one of " + SERVICES);
            }
        });
        for (String service : SERVICES) {
            // sends: what the service's main code constructs
            Set<String> published = new TreeSet<>();
            for (Path file : Repo.files(Repo.ROOT.resolve(service + "/src/main/java"), ".java")) {
                Matcher m = Pattern.compile("new LeadEvent\\.(\\w+)\\(").matcher(Repo.read(file));
                while (m.find()) {
                    published.add(m.group(1));
                }
            }
            Set<String> documentedSends = new TreeSet<>();
            Set<String> documentedDlqs = new TreeSet<>();
            Map<String, Map<String, Set<String>>> documentedReceives = new TreeMap<>();
            operations.forEach((name, op) -> {
                if (!service.equals(Repo.str(op, "x-leadflow-service"))) {
                    return;
                }
                String address = Repo.str(resolve(Repo.str(Repo.map(op, "channel"), "$ref")), "address");
                List<String> messages = Repo.list(op, "messages").stream()
                        .map(r -> Repo.str(r, "$ref")).map(r -> r.substring(r.lastIndexOf('/') + 1)).toList();
                if ("send".equals(Repo.str(op, "action"))) {
                    if (address != null && address.endsWith(Topics.DLQ_SUFFIX)) {
                        documentedDlqs.add(address);
                    } else {
                        documentedSends.addAll(messages);
                    }
                } else {
                    String group = Repo.str(Repo.path(op, "bindings.kafka.groupId"), "const");
                    documentedReceives.computeIfAbsent(String.valueOf(group), g -> new TreeMap<>())
                            .computeIfAbsent(address, a -> new TreeSet<>()).addAll(messages);
                }
            });
            if (!published.equals(documentedSends)) {
                problems.add(service + " constructs " + published + " (new LeadEvent.X in " + service
                        + "/src/main/java) but its send operations list " + documentedSends);
            }
            Map<String, Map<String, Set<String>>> handled = handlers(service);
            if (!handled.equals(documentedReceives)) {
                problems.add(service + "'s EventHandlers consume {group: {topic: types}} " + handled
                        + " but its receive operations say " + documentedReceives);
            }
            Set<String> dlqs = handled.values().stream().flatMap(t -> t.keySet().stream()).map(Topics::deadLetterOf)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!dlqs.equals(documentedDlqs)) {
                problems.add(service + " dead-letters to " + dlqs + " (the .dlq of every topic it consumes) but its send "
                        + "operations on dead-letter channels are " + documentedDlqs);
            }
        }
        report(problems, "asyncapi.yaml's operations differ from the services' publishers and EventHandlers");
    }

    /** group id -> topic -> event types applied, from the service's EventHandler implementations. */
    static Map<String, Map<String, Set<String>>> handlers(String service) {
        Map<String, Map<String, Set<String>>> result = new TreeMap<>();
        for (Path file : Repo.files(Repo.ROOT.resolve(service + "/src/main/java"), ".java")) {
            String src = Repo.read(file);
            if (!Pattern.compile("implements (Batch)?EventHandler\\b").matcher(src).find()) {
                continue;
            }
            String name = group(src, "String name\\(\\)\\s*\\{\\s*return\\s+([^;]+);", file);
            if (name.startsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            } else {
                name = group(src, "\\b" + Pattern.quote(name) + "\\s*=\\s*\"([^\"]+)\"", file);
            }
            String topicsBody = group(src, "(?s)Set<String> topics\\(\\)\\s*\\{(.*?)\\n\\s*}", file);
            String typesBody = group(src, "(?s)Set<EventType> eventTypes\\(\\)\\s*\\{(.*?)\\n\\s*}", file);
            Set<String> topics = new TreeSet<>();
            Matcher t = Pattern.compile("Topics\\.([A-Z_]+)").matcher(topicsBody);
            while (t.find()) {
                Object value = staticField(Topics.class, t.group(1));
                if (value instanceof Collection<?> all) {
                    all.forEach(v -> topics.add(String.valueOf(v)));
                } else {
                    topics.add(String.valueOf(value));
                }
            }
            Set<EventType> types = new LinkedHashSet<>();
            if (typesBody.contains("allOf(EventType.class)")) {
                types.addAll(List.of(EventType.values()));
            }
            Matcher e = Pattern.compile("EventType\\.([A-Z_]+)").matcher(typesBody);
            while (e.find()) {
                types.add(EventType.valueOf(e.group(1)));
            }
            Map<String, Set<String>> byTopic = result.computeIfAbsent(GROUP_PREFIX + name, g -> new TreeMap<>());
            for (EventType type : types) {
                if (topics.contains(type.topic())) {
                    byTopic.computeIfAbsent(type.topic(), x -> new TreeSet<>()).add(type.code());
                }
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    static Set<String> sendersOf(String message) {
        Set<String> senders = new TreeSet<>();
        Repo.map(ROOT, "operations").values().forEach(op -> {
            if ("send".equals(Repo.str(op, "action")) && Repo.list(op, "messages").stream()
                    .anyMatch(r -> String.valueOf(Repo.str(r, "$ref")).endsWith("/messages/" + message))) {
                senders.add(Repo.str(op, "x-leadflow-service"));
            }
        });
        return senders;
    }

    static List<String> channelsListing(String message) {
        List<String> addresses = new ArrayList<>();
        Repo.map(ROOT, "channels").values().forEach(c -> {
            if (Repo.map(c, "messages").containsKey(message)) {
                addresses.add(Repo.str(c, "address"));
            }
        });
        return addresses;
    }

    static Map<String, Object> messageHeaders(Object message) {
        if (message instanceof Map<?, ?> m && m.get("headers") != null) {
            return asMap(m.get("headers"));
        }
        for (Object trait : Repo.list(message, "traits")) {
            Object resolved = resolve(Repo.str(trait, "$ref"));
            if (resolved instanceof Map<?, ?> t && t.get("headers") != null) {
                return asMap(t.get("headers"));
            }
        }
        return Map.of();
    }

    static Map<String, Object> schemaProperty(String schema, String property) {
        return Repo.map(Repo.map(Repo.map(Repo.map(Repo.map(ROOT, "components"), "schemas"), schema), "properties"),
                property);
    }

    /** A local JSON pointer ("#/a/b") in the document, or null. */
    static Object resolve(String ref) {
        if (ref == null || !ref.startsWith("#/")) {
            return null;
        }
        Object node = ROOT;
        for (String part : ref.substring(2).split("/")) {
            String key = part.replace("~1", "/").replace("~0", "~");
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    interface Visitor {
        void visit(String path, Object node);
    }

    static void walk(Object node, String path, Visitor visitor) {
        visitor.visit(path, node);
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, visitor));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    /** partitions per topic from the TOPICS array of deploy/local/kafka.sh ({@code name:partitions}). */
    static Map<String, Integer> kafkaShPartitions() {
        String sh = Repo.read(Repo.DEPLOY.resolve("local/kafka.sh"));
        Matcher array = Pattern.compile("(?s)\\nTOPICS=\\((.*?)\\)").matcher(sh);
        Map<String, Integer> result = new TreeMap<>();
        if (array.find()) {
            for (String entry : array.group(1).trim().split("\\s+")) {
                int colon = entry.lastIndexOf(':');
                result.put(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1)));
            }
        }
        return result;
    }

    static Map<String, Map<String, Object>> strimziTopics() {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        for (Object doc : Repo.documents(Repo.K8S.resolve("base/kafka-topics.yaml"))) {
            if ("KafkaTopic".equals(Repo.str(doc, "kind"))) {
                result.put(Repo.str(Repo.map(doc, "spec"), "topicName"), asMap(doc));
            }
        }
        return result;
    }

    static String stringConstant(String file, String regex) {
        Matcher m = Pattern.compile(regex).matcher(Repo.read(Repo.ROOT.resolve(file)));
        if (!m.find()) {
            throw new AssertionError(file + " no longer matches " + regex + "; update AsyncApiContractTest");
        }
        return m.group(1);
    }

    static String group(String src, String regex, Path file) {
        Matcher m = Pattern.compile(regex).matcher(src);
        if (!m.find()) {
            throw new AssertionError(file + ": cannot find " + regex + "; update AsyncApiContractTest.handlers");
        }
        return m.group(1).strip();
    }

    static Object staticField(Class<?> type, String name) {
        try {
            return type.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getSimpleName() + "." + name + " not found", e);
        }
    }

    static Class<?> contractRecord(String simpleName) {
        for (String name : List.of("io.leadflow.events.contract." + simpleName,
                "io.leadflow.events.contract.LeadEvent$" + simpleName)) {
            try {
                return Class.forName(name, false, AsyncApiContractTest.class.getClassLoader());
            } catch (ClassNotFoundException ignored) {
                // try the next
            }
        }
        return null;
    }

    /** LeadEvent.LeadAssigned, LeadProfile: how a person names the record in the source. */
    static String javaName(Class<?> record) {
        return record.getName().substring(record.getPackageName().length() + 1).replace('$', '.');
    }

    static String where(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null ? "unknown location" : source.getLocation().toString();
    }

    static Object sampleOf(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "x";
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L;
        }
        if (raw == short.class || raw == Short.class) {
            return (short) 1;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == double.class || raw == Double.class) {
            return 1.0;
        }
        if (raw == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (raw == Instant.class) {
            return Instant.EPOCH;
        }
        if (raw == LocalDate.class) {
            return LocalDate.EPOCH;
        }
        if (raw == UUID.class) {
            return UUID.randomUUID();
        }
        if (List.class.isAssignableFrom(raw)) {
            return List.of();
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = Stream.of(components).map(c -> sampleOf(c.getGenericType())).toArray();
            return construct(canonical(raw), args);
        }
        throw new AssertionError("no sample value for " + type + "; teach AsyncApiContractTest.sampleOf");
    }

    static Constructor<?> canonical(Class<?> record) {
        Class<?>[] types = Stream.of(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = record.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    static Object construct(Constructor<?> constructor, Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Object invoke(RecordComponent component, Object target) {
        try {
            return component.getAccessor().invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static void report(List<String> problems, String headline) {
        assertThat(problems).as(headline + " (" + Repo.ROOT.relativize(DOC) + "):\n  - "
                + String.join("\n  - ", problems) + "\n").isEmpty();
    }
}
