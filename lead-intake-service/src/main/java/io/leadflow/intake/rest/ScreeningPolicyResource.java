package io.leadflow.intake.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.intake.domain.ScreeningPolicy;
import io.leadflow.intake.service.PolicyService;

/** The versioned ideal-customer policy leads are screened against. */
@Tag(name = "Screening policy",
        description = "What a lead needs to qualify: required fields, a valid contact, blocked words; versioned")
@Path("/api/v1/screening-policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETING, Roles.SALES_MANAGER, Roles.ADMIN})
public class ScreeningPolicyResource {

    /** Every field optional: missing lists are empty, missing switches keep the template's defaults. */
    public record PolicyRequest(@org.eclipse.microprofile.openapi.annotations.media.Schema(deprecated = true, description = "The version the change was made on; send its ETag in If-Match instead (412 when stale)") Integer expectedVersion, Boolean requireValidContact, List<String> requiredFields,
                                Integer minNeedLength, List<String> industriesAllowed, List<String> industriesBlocked,
                                List<String> regionsAllowed, List<String> regionsBlocked, Integer minCompanySize,
                                Boolean rejectUnknownCompanySize, List<String> needKeywordsRequired,
                                List<String> needKeywordsBlocked, List<String> blockedEmailDomains,
                                Boolean rejectDisposableEmail, String reason) {

        ScreeningPolicy toPolicy() {
            ScreeningPolicy d = ScreeningPolicy.defaults();
            return new ScreeningPolicy(
                    requireValidContact == null ? d.requireValidContact() : requireValidContact,
                    requiredFields == null ? d.requiredFields() : requiredFields,
                    minNeedLength == null ? d.minNeedLength() : minNeedLength,
                    industriesAllowed, industriesBlocked, regionsAllowed, regionsBlocked, minCompanySize,
                    rejectUnknownCompanySize != null && rejectUnknownCompanySize, needKeywordsRequired,
                    needKeywordsBlocked, blockedEmailDomains,
                    rejectDisposableEmail == null ? d.rejectDisposableEmail() : rejectDisposableEmail);
        }
    }

    /** A version of the policy with who put it in force, when and why. */
    public record PolicyResponse(int version, String changedBy, Instant changedAt, String reason,
                                 ScreeningPolicy policy) {
        static PolicyResponse of(PolicyService.Versioned v) {
            return new PolicyResponse(v.version(), v.changedBy(), v.changedAt(), v.reason(), v.policy());
        }
    }

    private final PolicyService policies;
    private final Caller caller;
    private final EntityTags tags;

    public ScreeningPolicyResource(PolicyService policies, Caller caller, EntityTags tags) {
        this.policies = policies;
        this.caller = caller;
        this.tags = tags;
    }

    /** The policy in force, or with {@code ?version=} an earlier one (to read why a past verdict was given). */
    @GET
    @Operation(operationId = "getScreeningPolicy", summary = "The screening policy in force (or ?version=N): required "
            + "fields, valid contact, blocked words, and who changed it")
    public RestResponse<PolicyResponse> get(@QueryParam("version") Integer version) {
        PolicyResponse policy = PolicyResponse.of(version == null ? policies.current() : policies.version(version));
        return EntityTags.tagged(policy, EntityTags.ofVersion(policy.version()));
    }

    /** The audit of the policy: every version, newest first, with who put it in force, when and why. */
    @GET
    @Path("/versions")
    @Operation(operationId = "listScreeningPolicyVersions", summary = "Every version of the screening policy, newest "
            + "first: who saved it, when and why")
    public Page<PolicyService.VersionInfo> versions(@QueryParam("page") Integer page,
                                                    @QueryParam("size") Integer size) {
        return policies.history(Page.request(page, size));
    }

    @GET
    @Path("/versions/{version}")
    @Operation(operationId = "getScreeningPolicyVersion", summary = "An earlier version of the screening policy")
    public PolicyResponse version(@PathParam("version") int version) {
        return PolicyResponse.of(policies.version(version));
    }

    /** A new version, in force at once; {@code reason} says why (kept in the policy's history). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MARKETING, Roles.ADMIN})
    @Operation(operationId = "replaceScreeningPolicy", summary = "Save a new version of the screening policy "
            + "(recorded as the caller's); leads are screened by it from now on")
    public RestResponse<PolicyResponse> put(PolicyRequest request, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is empty; send the policy as JSON.",
                    List.of(new Problem.FieldError("(body)", "is required")));
        }
        String reason = Text.orNull(request.reason());
        if (reason != null && reason.length() > 500) {
            throw ProblemException.badRequest("Field 'reason' is longer than 500 characters.",
                    List.of(new Problem.FieldError("reason", "at most 500 characters")));
        }
        Integer basedOn = tags.basedOn(ifMatch, request.expectedVersion(), policies.current().version(),
                "The screening policy");
        PolicyResponse saved = PolicyResponse.of(policies.replace(request.toPolicy(), basedOn, caller.id(), reason));
        return EntityTags.tagged(saved, EntityTags.ofVersion(saved.version()));
    }
}
