package io.leadflow.events.deadletter;

import java.util.List;

/**
 * What a re-drive of many dead letters did.
 *
 * @param matched         this service's dead letters the filter selected
 * @param redriven        those sent back to their topic now
 * @param alreadyRedriven those re-driven before, left alone
 * @param skipped         those that cannot be re-driven, with why
 */
public record RedriveSummary(int matched, List<Redrive> redriven, int alreadyRedriven, List<Skipped> skipped) {

    public record Skipped(String id, String reason) {
    }
}
