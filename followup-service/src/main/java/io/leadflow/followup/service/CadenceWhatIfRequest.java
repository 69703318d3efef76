package io.leadflow.followup.service;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A draft cadence policy and the past period to hold it against: the whole draft, or only source rules to set on the
 * policy in force (what an analytics insight's trial sends: "answer website leads within 24 hours").
 *
 * @param policy  the draft, shaped as GET /api/v1/cadence-policy answers it (its version and changeReason are ignored)
 * @param sources without a policy: the policy in force with these sources' first-response rules set (replacing the
 *                same source's rule, others kept)
 */
public record CadenceWhatIfRequest(
        CadencePolicyDocument policy,
        @Size(max = 20) java.util.List<CadencePolicyDocument.Source> sources,
        @Schema(description = "A quarter (2026-Q3), a month (2026-07) or a year (2026); or give from and to", example = "2026-Q3")
        @Size(max = 20) String period,
        @Schema(description = "First day (2026-07-01) or month (2026-07), with to", example = "2026-07-01") @Size(max = 20) String from,
        @Schema(description = "Last day or month, inclusive", example = "2026-09-30") @Size(max = 20) String to) {
}
