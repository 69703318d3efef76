package io.leadflow.followup.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.leadflow.events.vocabulary.Term;

/** Table 2's 完成状态: whether the follow-up happened (DONE), is still under way, or is only planned. */
public enum FollowUpStatus {
    DONE("完成", "COMPLETED", "FINISHED"),
    IN_PROGRESS("跟进中", "处理中", "ONGOING"),
    PLANNED("待跟进", "未开始", "待办", "TODO", "SCHEDULED");

    /** Other words people type for the status, beside the code and the suite's words for it. */
    private final List<String> aliases;

    FollowUpStatus(String... aliases) {
        this.aliases = List.of(aliases);
    }

    /** A planned follow-up has not reached the customer yet. */
    public boolean happened() {
        return this != PLANNED;
    }

    public static Optional<FollowUpStatus> parse(String text) {
        String wanted = Words.normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return Term.FOLLOW_UP_STATUS.codeOf(text).map(FollowUpStatus::valueOf).or(() -> Arrays.stream(values())
                .filter(s -> s.aliases.stream().anyMatch(a -> a.equals(text.trim()) || a.equals(wanted)))
                .findFirst());
    }

    public static String accepted() {
        return Words.accepted(Term.FOLLOW_UP_STATUS);
    }
}
