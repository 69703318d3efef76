package io.leadflow.intake.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.intake.service.FormService;

/** Website forms (admin): the key a site posts to, its source detail, allowed origins, redirect, field mapping. */
@Tag(name = "Forms",
        description = "Website forms: each with its key, allowed origins and thank-you page, and the public endpoint "
                + "visitors post to")
@Path("/api/v1/forms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETING, Roles.ADMIN})
public class FormResource {

    /**
     * @param fieldMapping the form's field names to lead fields, e.g. {@code {"tel": "phone", "msg": "needDescription"}}
     * @param honeypotField a field hidden from people; a submission that fills it is refused (default {@code _gotcha})
     * @param requireOrigin refuse posts naming no origin (default true; false only for a server posting the form)
     * @param consentText the consent wording next to the form's checkbox, recorded with each submission
     * @param consentField the checkbox's field name (default {@code consent})
     * @param consentRequired refuse a submission without the box ticked (needs consentText)
     */
    public record CreateFormRequest(String key, String name, String sourceDetail, List<String> allowedOrigins,
                                    String redirectUrl, Map<String, String> fieldMapping, String honeypotField,
                                    Boolean requireOrigin, String consentText, String consentField,
                                    Boolean consentRequired) {
    }

    private final FormService forms;
    private final Caller caller;

    public FormResource(FormService forms, Caller caller) {
        this.forms = forms;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createForm", summary = "Create a website form: its key, name, source detail, allowed "
            + "origins and thank-you page")
    @APIResponse(responseCode = "201", description = "Created; Location is the form",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FormService.Form.class)))
    @APIResponse(responseCode = "409", description = "A form with this key exists already")
    public Response create(CreateFormRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is empty; send the form as JSON.",
                    List.of(new Problem.FieldError("(body)", "is required")));
        }
        FormService.Form form = forms.create(new FormService.Form(request.key(), request.name(), request.sourceDetail(),
                request.allowedOrigins(), request.redirectUrl(), request.fieldMapping(), request.honeypotField(),
                request.requireOrigin(), request.consentText(), request.consentField(), request.consentRequired(), null,
                null), caller.id());
        return Response.created(URI.create("/api/v1/forms/" + form.key())).entity(form).build();
    }

    @GET
    @Operation(operationId = "listForms", summary = "The website forms, each with its key, allowed origins and "
            + "redirect")
    public Page<FormService.Form> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return Page.request(page, size).slice(forms.list());
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getForm", summary = "One website form by its key")
    public FormService.Form get(@PathParam("key") String key) {
        return forms.get(key);
    }
}
