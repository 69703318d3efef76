package io.leadflow.followup.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadflow.events.contract.PolicyTrial;

/**
 * The cadence policy as GET answers it and PUT takes it. Durations are ISO-8601 ({@code PT48H}, {@code P2D}),
 * intervals ISO-8601 periods ({@code P1W}, {@code P1M}). On PUT, {@code version} (optional) is the version the
 * change is based on: if someone changed the policy meanwhile the PUT is refused with 409.
 */
public record CadencePolicyDocument(
        @Schema(description = "Policy version (also the ETag). On PUT the version this change is based on (optional, "
                + "409 when stale); send the ETag in If-Match instead (412 when stale)") Integer version,
        @Schema(description = "Cadence used for a grade the policy does not list", example = "MEDIUM") String fallbackGrade,
        List<Grade> grades,
        List<Source> sources,
        Calendar calendar,
        @Schema(description = "Why this version was published; kept in the version history (optional on PUT)",
                example = "清明节放假,首次响应按工作时间计算") String changeReason,
        @Schema(readOnly = true) String changedBy,
        @Schema(readOnly = true) OffsetDateTime changedAt,
        @Schema(description = "On PUT (optional): the period of the what-if this draft was tried in. The what-if runs "
                + "again over it and its figures are kept with the version and published; a changeReason is then "
                + "required") WhatIf whatIf,
        @Schema(readOnly = true, description = "The what-if this version was activated from: period, leads and "
                + "first-response SLA compliance under the version before it and under this one; null when it was "
                + "not tried first") PolicyTrial tried) {

    /** The documents of versions saved without a what-if, and of requests that carry none. */
    public CadencePolicyDocument(Integer version, String fallbackGrade, List<Grade> grades, List<Source> sources,
                                 Calendar calendar, String changeReason, String changedBy, OffsetDateTime changedAt) {
        this(version, fallbackGrade, grades, sources, calendar, changeReason, changedBy, changedAt, null, null);
    }

    /** The same draft based on another version (the one an If-Match named). */
    public CadencePolicyDocument withVersion(Integer basedOn) {
        return new CadencePolicyDocument(basedOn, fallbackGrade, grades, sources, calendar, changeReason, changedBy,
                changedAt, whatIf, tried);
    }

    public CadencePolicyDocument withTried(PolicyTrial trial) {
        return new CadencePolicyDocument(version, fallbackGrade, grades, sources, calendar, changeReason, changedBy,
                changedAt, null, trial);
    }

    public record WhatIf(
            @Schema(description = "A quarter (2026-Q3), a month (2026-07) or a year (2026); or give from and to",
                    example = "2026-Q3") @Size(max = 20) String period,
            @Schema(example = "2026-07-01") @Size(max = 20) String from,
            @Schema(example = "2026-09-30") @Size(max = 20) String to) {
    }

    public record Grade(
            @Schema(example = "HIGH") String grade,
            @Schema(description = "First-response deadline after assignment; null for none", example = "PT48H") String firstResponse,
            @Schema(description = "CALENDAR, BUSINESS_HOURS or BUSINESS_DAYS", example = "CALENDAR") String counting,
            List<Touch> touches) {
    }

    public record Touch(
            @Schema(example = "WEEKLY_SYNC") String kind,
            @Schema(example = "PHONE") String method,
            @Schema(example = "P1W") String every,
            @Schema(example = "每周同步进展") String label) {
    }

    public record Source(@Schema(example = "WEBSITE_FORM") String source, @Schema(example = "PT24H") String firstResponse) {
    }

    public record Calendar(
            @Schema(example = "09:00") String workStart,
            @Schema(example = "18:00") String workEnd,
            @Schema(example = "[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]") List<String> workingDays,
            List<LocalDate> holidays,
            @Schema(description = "Weekend days worked in exchange for a holiday (调休)") List<LocalDate> extraWorkingDays) {
    }
}
