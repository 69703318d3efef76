package io.leadflow.intake.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.intake.domain.ScreeningPolicy;
import io.leadflow.intake.service.PolicyService;

/** The versioned ideal-customer policy leads are screened against. */
@Path("/api/v1/screening-policy")
@Produces(MediaType.APPLICATION_JSON)
public class ScreeningPolicyResource {

    /** Every field optional: missing lists are empty, missing switches keep the template's defaults. */
    public record PolicyRequest(Integer expectedVersion, Boolean requireValidContact, List<String> requiredFields,
                                Integer minNeedLength, List<String> industriesAllowed, List<String> industriesBlocked,
                                List<String> regionsAllowed, List<String> regionsBlocked, Integer minCompanySize,
                                Boolean rejectUnknownCompanySize, List<String> needKeywordsRequired,
                                List<String> needKeywordsBlocked, List<String> blockedEmailDomains,
                                Boolean rejectDisposableEmail) {

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

    public record PolicyResponse(int version, Instant createdAt, String createdBy, ScreeningPolicy policy) {
        static PolicyResponse of(PolicyService.Versioned v) {
            return new PolicyResponse(v.version(), v.createdAt(), v.createdBy(), v.policy());
        }
    }

    private final PolicyService policies;

    public ScreeningPolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    /** The policy in force, or with {@code ?version=} an earlier one (to read why a past verdict was given). */
    @GET
    public PolicyResponse get(@QueryParam("version") Integer version) {
        return PolicyResponse.of(version == null ? policies.current() : policies.version(version));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public PolicyResponse put(PolicyRequest request, @HeaderParam("X-User") String user) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is empty; send the policy as JSON.",
                    List.of(new Problem.FieldError("(body)", "is required")));
        }
        return PolicyResponse.of(policies.replace(request.toPolicy(), request.expectedVersion(),
                LeadResource.actor(user)));
    }
}
