package io.leadflow.intake.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Staff's confirmation that a lead duplicates another: the lead it goes into, and why (kept in both audits). */
@Schema(name = "MergeRequest")
public record MergeRequest(
        @Schema(required = true, description = "The id of the lead this one duplicates; it keeps its owner and "
                + "work and receives this lead's touches", examples = "LX20240301000123") String into,
        @Schema(description = "Why, in staff's words (at most 500 characters); never the person's data",
                examples = "同一家公司的采购经理，已电话确认") String reason) {
}
