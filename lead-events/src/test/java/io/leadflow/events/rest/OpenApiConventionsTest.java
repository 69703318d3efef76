package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

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
}
