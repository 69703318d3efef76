package io.leadflow.followup.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** WON with the amount and what won it, or LOST with a reason from the list; on the date it happened. */
public record OutcomeRequest(
        @Schema(description = "WON or LOST (成交/赢单, 流失/丢单)", example = "WON") String outcome,
        @Schema(description = "The day it happened in the business zone; default today. Not in the future, not before the lead was registered")
        LocalDate on,
        @Schema(description = "Deal amount for WON") Amount amount,
        @Schema(description = "What won the deal, for WON", example = "[\"现场互动强\", \"需求明确\"]") @Size(max = 10) List<@Size(max = 200) String> winFactors,
        @Schema(description = "For LOST: BUDGET, TIMING, COMPETITOR, NO_NEED, UNRESPONSIVE, SLOW_RESPONSE, OTHER (or 预算不足, 竞争对手 ...)",
                example = "BUDGET") String reason,
        @Schema(description = "Free text; required with OTHER", example = "预算不足,明年再议") @Size(max = 2000) String note) {

    public record Amount(@Schema(example = "120000") BigDecimal amount, @Schema(example = "CNY") String currency) {
    }
}
