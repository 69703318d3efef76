package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Stage;
import io.leadflow.events.vocabulary.Term;

class OpenApiConventionsTest {

    private static Operation secured() {
        return OASFactory.createOperation().operationId("x")
                .security(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200",
                        OASFactory.createAPIResponse().description("OK")));
    }

    private static Parameter header(String name) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER);
    }

    @Test
    void everyRefusalAnOperationCanMeetIsDeclaredWithItsProblemBody() {
        Operation put = secured().requestBody(OASFactory.createRequestBody())
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH))
                .addParameter(header("If-Match"));
        Operation get = secured().addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/things/{id}",
                OASFactory.createPathItem().PUT(put).GET(get)));

        new OpenApiConventions().filterOpenAPI(api);

        assertThat(put.getResponses().getAPIResponses().keySet())
                .contains("200", "400", "401", "403", "404", "409", "412", "413", "415", "428");
        assertThat(get.getResponses().getAPIResponses().keySet()).contains("400", "401", "403", "404")
                .doesNotContain("409", "412", "413");
        assertThat(put.getResponses().getAPIResponse("412").getContent().getMediaType(Problem.MEDIA_TYPE)
                .getSchema().getRef()).isEqualTo(OpenApiConventions.PROBLEM_REF);
        // What takes If-Match answers with the ETag to send, on its reads as on its changes.
        assertThat(get.getResponses().getAPIResponse("200").getHeaders()).containsKey("ETag");
        assertThat(put.getResponses().getAPIResponse("200").getHeaders()).containsKey("ETag");
        assertThat(api.getComponents().getSchemas()).containsKey(OpenApiConventions.PROBLEM_SCHEMA);
        assertThat(api.getServers()).hasSize(1);
    }

    @Test
    void aCreatedAnswerSaysWhereAndAPublicOperationSaysItTakesNoToken() {
        Operation post = OASFactory.createOperation().operationId("submit")
                .responses(OASFactory.createAPIResponses().addAPIResponse("201",
                        OASFactory.createAPIResponse().description("Created")));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/forms",
                OASFactory.createPathItem().POST(post)));

        new OpenApiConventions().filterOpenAPI(api);

        assertThat(post.getResponses().getAPIResponse("201").getHeaders()).containsKey("Location");
        assertThat(post.getSecurity()).isNotNull().isEmpty();
        assertThat(post.getResponses().getAPIResponses()).doesNotContainKeys("401", "403");
    }

    @Test
    void aPropertyThatIsNotRequiredMayBeNull() {
        Schema view = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("email", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("owner", OASFactory.createSchema().ref("#/components/schemas/Owner"))
                .addProperty("group", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                .addRequired("id");
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("View", view));

        new OpenApiConventions().filterOpenAPI(api);

        Schema filtered = api.getComponents().getSchemas().get("View");
        assertThat(filtered.getProperties().get("id").getType()).containsExactly(Schema.SchemaType.STRING);
        assertThat(filtered.getProperties().get("email").getType())
                .containsExactly(Schema.SchemaType.STRING, Schema.SchemaType.NULL);
        assertThat(filtered.getProperties().get("owner").getAnyOf()).hasSize(2);
        assertThat(filtered.getProperties().get("owner").getAnyOf().get(0).getRef())
                .isEqualTo("#/components/schemas/Owner");
        // A map's values may be null too (a group of leads not graded yet).
        assertThat(filtered.getProperties().get("group").getAdditionalPropertiesSchema().getType())
                .containsExactly(Schema.SchemaType.STRING, Schema.SchemaType.NULL);
    }

    @Test
    void aFieldOfSeveralShapesKeepsThemAllAndNoneOfTheScannedType() {
        Schema budget = OASFactory.createSchema().ref("#/components/schemas/BudgetInput")
                .addType(Schema.SchemaType.OBJECT)
                .oneOf(List.of(OASFactory.createSchema().addType(Schema.SchemaType.STRING),
                        OASFactory.createSchema().ref("#/components/schemas/BudgetInput")));
        Schema request = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("budget", budget);
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("R", request));

        new OpenApiConventions().filterOpenAPI(api);

        Schema filtered = api.getComponents().getSchemas().get("R").getProperties().get("budget");
        assertThat(filtered.getRef()).isNull();
        assertThat(filtered.getType()).isNull();
        assertThat(filtered.getOneOf()).hasSize(3);
        assertThat(filtered.getOneOf().get(2).getType()).containsExactly(Schema.SchemaType.NULL);
    }

    @Test
    void whatTakesFormatCsvAnswersCsvBesideItsJson() {
        Operation report = secured().addParameter(OASFactory.createParameter().name("format").in(Parameter.In.QUERY));
        OpenAPI api = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/report",
                OASFactory.createPathItem().GET(report)));

        new OpenApiConventions().filterOpenAPI(api);

        assertThat(report.getResponses().getAPIResponse("200").getContent().getMediaType(OpenApiConventions.CSV)
                .getSchema().getType()).containsExactly(Schema.SchemaType.STRING);
    }

    record ThingView(String id, long count, boolean done, Integer maybe, @Coded(Term.STAGE) String stage,
                     @Coded(Term.STAGE) List<String> nextStages, @Coded(Term.GRADE) String grade) {
    }

    record ThingInput(String id, int count) {
    }

    private static Schema text() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
    }

    @Test
    void theJavaTypesBehindTheSchemasSayWhatIsAlwaysThereAndWhichCodesAFieldHolds() {
        Schema view = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("id", text()).addProperty("count", integer())
                .addProperty("done", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN))
                .addProperty("maybe", integer()).addProperty("stage", text())
                .addProperty("nextStages", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text()))
                .addProperty("grade", text());
        Schema input = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("id", text()).addProperty("count", integer());
        Operation read = secured();
        read.getResponses().getAPIResponse("200").content(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/ThingView"))));
        Operation write = secured().requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("#/components/schemas/ThingInput")))));
        OpenAPI api = OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSchema("ThingView", view).addSchema("ThingInput", input))
                .paths(OASFactory.createPaths().addPathItem("/things", OASFactory.createPathItem().GET(read)
                        .POST(write)));

        new OpenApiConventions(List.of(ThingView.class, ThingInput.class)).filterOpenAPI(api);

        Schema v = api.getComponents().getSchemas().get("ThingView");
        // A primitive is always written: required and never null. A boxed one may be null.
        assertThat(v.getRequired()).containsExactlyInAnyOrder("count", "done");
        assertThat(v.getProperties().get("count").getType()).containsExactly(Schema.SchemaType.INTEGER);
        assertThat(v.getProperties().get("maybe").getType()).contains(Schema.SchemaType.NULL);
        // An exhaustive term's codes are the enum (with null where the field may be null), on a list's items too.
        List<String> stages = Arrays.stream(Stage.values()).map(Enum::name).toList();
        assertThat(v.getProperties().get("stage").getEnumeration()).containsAll(stages).contains((Object) null);
        assertThat(v.getProperties().get("nextStages").getItems().getEnumeration())
                .containsExactlyElementsOf(stages);
        // An open term (routing names its own grades) only names its known codes.
        assertThat(v.getProperties().get("grade").getEnumeration()).isNull();
        assertThat(v.getProperties().get("grade").getDescription()).contains("HIGH, MEDIUM, LOW");
        // What a client sends may leave a primitive out: it reads as 0.
        Schema i = api.getComponents().getSchemas().get("ThingInput");
        assertThat(i.getRequired()).isNullOrEmpty();
    }

    @Test
    void aTextFieldDeclaredAsAnEnumsCodesIsOnlyTheReference() {
        Schema view = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("seniority",
                OASFactory.createSchema().ref("#/components/schemas/Seniority").addType(Schema.SchemaType.OBJECT));
        OpenAPI api = OASFactory.createOpenAPI().components(OASFactory.createComponents().addSchema("V", view));

        new OpenApiConventions(List.of()).filterOpenAPI(api);

        Schema seniority = api.getComponents().getSchemas().get("V").getProperties().get("seniority");
        assertThat(seniority.getAnyOf()).hasSize(2);
        assertThat(seniority.getAnyOf().get(0).getRef()).isEqualTo("#/components/schemas/Seniority");
        assertThat(seniority.getAnyOf().get(0).getType()).isNull();
    }
}
