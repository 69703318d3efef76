package io.leadflow.events.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.info.License;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexView;

/**
 * What every service's OpenAPI document says the same way, so a generated client types every answer: each refusal
 * an operation can meet is declared with its {@code application/problem+json} body ({@link Problem}), the
 * {@code ETag} of a resource that takes {@code If-Match} and the 412/428 that go with it, the {@code Location} of
 * what a 201 created, the CSV beside the JSON of what takes {@code ?format=csv}, where the one origin is, and under
 * which licence the document is.
 *
 * <p>What only a resource knows (a 201, a 409, a 429, the body types) it declares itself with annotations; this
 * filter adds what follows from the shape of the operation alone.
 */
public class OpenApiConventions implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;
    static final String CSV = "text/csv";

    private static final Map<String, String> REFUSALS = new LinkedHashMap<>();
    /** What the security scan writes on the 401 and 403 it adds. */
    private static final List<String> GENERIC = List.of("Not Authorized", "Not Allowed", "Bad Request");

    static {
        REFUSALS.put("400", "A parameter or the body is malformed or invalid; `detail` and `errors` say which.");
        REFUSALS.put("401", "No valid bearer token; `WWW-Authenticate` says whether it is missing, expired or "
                + "invalid.");
        REFUSALS.put("403", "The token's roles do not allow this.");
        REFUSALS.put("404", "No such resource (to a sales rep, also another rep's lead: it does not exist for them).");
        REFUSALS.put("409", "The resource's state does not allow this now, or another change to the same record came "
                + "first (then `Retry-After` says when to try again); `detail` says which and what to do.");
        REFUSALS.put("412", "`If-Match` names a version that is no longer current: read again, reapply the change, "
                + "send the new `ETag`.");
        REFUSALS.put("413", "The body is larger than this operation accepts.");
        REFUSALS.put("415", "The body's `Content-Type` is not one this operation reads.");
        REFUSALS.put("428", "This deployment requires `If-Match` on changes (`LEADFLOW_REQUIRE_IF_MATCH`).");
        REFUSALS.put("429", "Too many requests; try again after `Retry-After` seconds.");
    }

    /** The suite's own classes, to read the Java types behind the schemas. */
    private final IndexView index;

    /**
     * What SmallRye calls. The index it would hand a filter's constructor is empty under Quarkus, so the filter
     * indexes the suite's classes itself, from the class loader that builds the document.
     */
    public OpenApiConventions() {
        this.index = SuiteClasses.index(Thread.currentThread().getContextClassLoader());
    }

    /** With the classes to read (a constructor taking an index would be handed SmallRye's empty one). */
    OpenApiConventions(List<Class<?>> classes) {
        try {
            this.index = Index.of(classes.toArray(Class<?>[]::new));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        license(api);
        servers(api);
        new SchemaJavaTypes(index).apply(api);
        nullableWhereNotRequired(api);
        problemSchema(api);
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = api.getSecurity() != null && !api.getSecurity().isEmpty();
        for (Map.Entry<String, PathItem> entry : api.getPaths().getPathItems().entrySet()) {
            String path = entry.getKey();
            Map<PathItem.HttpMethod, Operation> operations = entry.getValue().getOperations();
            boolean conditional = operations.values().stream().anyMatch(OpenApiConventions::takesIfMatch);
            for (Map.Entry<PathItem.HttpMethod, Operation> op : operations.entrySet()) {
                conventions(path, op.getKey(), op.getValue(), conditional, securedByDefault);
            }
        }
    }

    private static void conventions(String path, PathItem.HttpMethod method, Operation op, boolean conditional,
                                    boolean securedByDefault) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        boolean secured = op.getSecurity() != null ? !op.getSecurity().isEmpty() : securedByDefault;
        if (op.getSecurity() == null && !securedByDefault) {
            // Said explicitly: this operation takes no token (a public form), rather than left unsaid.
            op.setSecurity(new ArrayList<>());
        }
        boolean hasParameters = op.getParameters() != null && !op.getParameters().isEmpty();
        boolean hasBody = op.getRequestBody() != null;
        if (hasParameters || hasBody) {
            refusal(responses, "400");
        }
        if (secured) {
            refusal(responses, "401");
            refusal(responses, "403");
        }
        if (path.contains("{")) {
            refusal(responses, "404");
        }
        if (method != PathItem.HttpMethod.GET) {
            // Every change runs in a transaction that a concurrent change of the same rows can refuse
            // (ProblemMappers' concurrent-change), besides the rules of the resource itself.
            refusal(responses, "409");
        }
        if (takesIfMatch(op)) {
            refusal(responses, "412");
            refusal(responses, "428");
        }
        if (hasBody) {
            refusal(responses, "413");
            refusal(responses, "415");
        }
        if (responses.getAPIResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            String code = response.getKey();
            APIResponse answer = response.getValue();
            if (code.startsWith("4") || code.startsWith("5")) {
                problemBody(code, answer);
            }
            if ("200".equals(code) && answersCsv(op)) {
                csvBody(answer);
            }
            if ("201".equals(code) && (answer.getHeaders() == null || !answer.getHeaders().containsKey("Location"))) {
                answer.addHeader("Location", header("Where what was created is read from.", false));
            }
            boolean changesOrReads = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.PUT
                    || method == PathItem.HttpMethod.PATCH;
            if (conditional && changesOrReads && code.startsWith("2")
                    && (answer.getHeaders() == null || !answer.getHeaders().containsKey("ETag"))) {
                answer.addHeader("ETag", header("The version of what the body shows: send it back in `If-Match` "
                        + "with a change, which is refused with 412 when someone changed it since.", true));
            }
        }
    }

    /** {@code ?format=csv}: the JSON-or-CSV answer of {@link Csv#jsonOrCsv} and the analytics tables. */
    private static boolean answersCsv(Operation op) {
        if (op.getParameters() == null) {
            return false;
        }
        for (Parameter p : op.getParameters()) {
            if (p.getIn() == Parameter.In.QUERY && "format".equals(p.getName())) {
                return true;
            }
        }
        return false;
    }

    private static void csvBody(APIResponse answer) {
        if (answer.getContent() == null) {
            answer.setContent(OASFactory.createContent());
        }
        if (answer.getContent().getMediaType(CSV) == null) {
            answer.getContent().addMediaType(CSV, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    private static boolean takesIfMatch(Operation op) {
        if (op.getParameters() == null) {
            return false;
        }
        for (Parameter p : op.getParameters()) {
            if (p.getIn() == Parameter.In.HEADER && EntityTags.IF_MATCH.equalsIgnoreCase(p.getName())) {
                return true;
            }
        }
        return false;
    }

    private static void refusal(APIResponses responses, String code) {
        if (responses.getAPIResponse(code) == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(REFUSALS.get(code)));
        }
    }

    /** The problem body on a refusal that declares no body; the words of ours where the scan had generic ones. */
    private static void problemBody(String code, APIResponse answer) {
        String description = answer.getDescription();
        if (description == null || description.isBlank() || GENERIC.contains(description)) {
            answer.setDescription(REFUSALS.getOrDefault(code, "Refused; the problem says why."));
        }
        if (answer.getContent() == null || answer.getContent().getMediaTypes() == null
                || answer.getContent().getMediaTypes().isEmpty()) {
            Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
            answer.setContent(content);
        }
    }

    private static Header header(String description, boolean required) {
        return OASFactory.createHeader().description(description).required(required)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    /**
     * Jackson writes every field of a view, {@code null} included, so a property that is not required may arrive as
     * {@code null}: the schema says so, and a generated client types it {@code T | null} instead of a {@code T} the
     * answer does not keep to. A property that is never null is marked required where it is declared.
     */
    private static void nullableWhereNotRequired(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema schema : api.getComponents().getSchemas().values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
            for (Map.Entry<String, Schema> property : properties.entrySet()) {
                Schema value = property.getValue();
                if (value.getOneOf() != null && !value.getOneOf().isEmpty()) {
                    // A field declared as one of several shapes (a budget as text or as a range): the scan still
                    // adds the Java type's own reference and type beside it, which would allow only that shape.
                    value.setRef(null);
                    value.setType(null);
                }
                if (value.getRef() != null && value.getType() != null) {
                    // A text field declared as an enum's codes (@Schema(implementation = SomeEnum.class)): the scan
                    // keeps a type of its own beside the reference, which no value of the enum would satisfy.
                    value.setType(null);
                }
                Schema mapValue = value.getAdditionalPropertiesSchema();
                if (mapValue != null && (mapValue.getRef() != null
                        || (mapValue.getType() != null && !mapValue.getType().isEmpty()))) {
                    // A map's value may be null as well (a report's group for leads without a grade yet).
                    value.setAdditionalPropertiesSchema(orNull(mapValue));
                }
                if (!required.contains(property.getKey())) {
                    properties.put(property.getKey(), orNull(property.getValue()));
                }
            }
            schema.setProperties(properties);
        }
    }

    private static Schema orNull(Schema property) {
        List<Schema.SchemaType> type = property.getType();
        if (property.getRef() == null && type != null && !type.isEmpty()) {
            if (!type.contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
                if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                    // A null the type allows must be in the enum too (addEnumeration drops a null).
                    List<Object> values = new ArrayList<>(property.getEnumeration());
                    values.add(null);
                    property.setEnumeration(values);
                }
            }
            return property;
        }
        if (property.getOneOf() != null && !property.getOneOf().isEmpty()) {
            property.setOneOf(new java.util.ArrayList<>(property.getOneOf()));
            property.addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
            return property;
        }
        if (property.getAnyOf() != null && property.getAnyOf().stream()
                .anyMatch(s -> s.getType() != null && s.getType().contains(Schema.SchemaType.NULL))) {
            return property;
        }
        // A reference (or a composition) may not carry a type of its own: either it or null.
        Schema wrapper = OASFactory.createSchema().description(property.getDescription());
        property.setDescription(null);
        return wrapper.anyOf(List.of(property, OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
    }

    private static void problemSchema(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field, as the request named it (e.g. `phone`, `rules[2].weight`)"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong with it, in words a person can act on"))
                .addRequired("field").addRequired("message");
        Schema problem = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: `type` is stable per kind of problem and safe to switch on; "
                        + "`detail` is a sentence a person can act on.")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .description("e.g. https://leadflow.io/problems/not-found"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The request path the problem is about"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("Field-level validation failures, when there are any"))
                .addRequired("type").addRequired("title").addRequired("status");
        api.getComponents().addSchema(PROBLEM_SCHEMA, problem);
    }

    private static void license(OpenAPI api) {
        if (api.getInfo() == null) {
            return;
        }
        License license = api.getInfo().getLicense();
        if (license != null && license.getUrl() == null && license.getIdentifier() == null) {
            // SPDX's form for a licence of one's own.
            license.setIdentifier("LicenseRef-" + license.getName().replaceAll("[^A-Za-z0-9.-]", "-"));
        }
    }

    private static void servers(OpenAPI api) {
        if (api.getServers() != null && !api.getServers().isEmpty()) {
            return;
        }
        String url = ConfigProvider.getConfig().getOptionalValue("leadflow.openapi.server-url", String.class)
                .orElse("http://localhost:8000");
        // A variable rather than a fixed address: the origin is the deployment's, this is only where one machine has it.
        api.setServers(List.of(OASFactory.createServer().url("{origin}")
                .description("The one origin: every Leadflow API behind one host")
                .variables(Map.of("origin", OASFactory.createServerVariable().defaultValue(url)
                        .description("scheme://host[:port] of the deployment's origin (deploy/local/up's nginx on one "
                                + "machine; the Ingress host in a cluster)")))));
    }
}
