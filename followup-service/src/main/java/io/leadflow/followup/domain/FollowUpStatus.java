package io.leadflow.followup.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Table 2's 完成状态: whether the follow-up happened (DONE), is still under way, or is only planned. */
public enum FollowUpStatus {
    DONE("已完成", "Done", "完成", "COMPLETED", "FINISHED"),
    IN_PROGRESS("进行中", "In progress", "跟进中", "处理中", "ONGOING"),
    PLANNED("计划中", "Planned", "待跟进", "未开始", "待办", "TODO", "SCHEDULED");

    private final String chinese;
    private final String english;
    private final List<String> aliases;

    FollowUpStatus(String chinese, String english, String... aliases) {
        this.chinese = chinese;
        this.english = english;
        this.aliases = List.of(aliases);
    }

    /** A planned follow-up has not reached the customer yet. */
    public boolean happened() {
        return this != PLANNED;
    }

    public String label(boolean chineseLabels) {
        return chineseLabels ? chinese : english;
    }

    public static Optional<FollowUpStatus> parse(String text) {
        String wanted = Words.normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)
                        || Words.normalise(s.english).equals(wanted)
                        || s.chinese.equals(text.trim())
                        || s.aliases.stream().anyMatch(a -> a.equals(text.trim()) || a.equals(wanted)))
                .findFirst();
    }

    public static String accepted() {
        return Arrays.stream(values()).map(s -> s.name() + " (" + s.chinese + ")").collect(Collectors.joining(", "));
    }
}
