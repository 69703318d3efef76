package io.leadflow.followup.service;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of Table 2 as a person logs it. */
public record FollowUpRequest(
        @Schema(description = "When it happened: ISO date-time with offset, or a date (yyyy-MM-dd); default now",
                example = "2024-03-02T10:00:00+08:00") String contactedAt,
        @Schema(description = "PHONE, EMAIL, VISIT, MEETING, WECHAT, WEBINAR, DEMO, NEWSLETTER, AUTOMATED or 电话, 邮件, 拜访, 会议, 微信 ...",
                example = "电话") String method,
        @Schema(example = "介绍CRM系统核心功能,知晓预算范围") @Size(max = 4000) String content,
        @Schema(example = "预算12万,需看详细方案") @Size(max = 4000) String feedback,
        @Schema(example = "3月5日前发送定制方案") @Size(max = 1000) String nextAction,
        @Schema(description = "Due date of the next action; inferred from a date in its text when absent") LocalDate nextActionDue,
        @Schema(description = "DONE, IN_PROGRESS, PLANNED or 已完成, 进行中, 计划中; default DONE", example = "已完成") String status,
        @Schema(description = "An open task of this lead that this follow-up completes") String taskId) {
}
