package io.leadflow.followup.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.Violation;

/** The template's Table 2 headers in Chinese or English, as a sheet's first row names them. */
public enum Table2Columns {
    LEAD_ID(true, "线索编号", "leadId", "lead id", "lead_id", "lead"),
    OWNER(false, "跟进人", "owner", "ownerName", "owner name"),
    DATE(true, "跟进日期", "date", "contactedAt", "contacted at", "follow-up date"),
    METHOD(true, "跟进方式", "method", "channel"),
    CONTENT(false, "沟通内容", "content", "discussion", "notes"),
    FEEDBACK(false, "客户反馈", "feedback", "customer feedback"),
    NEXT_ACTION(false, "下一步行动", "nextAction", "next action", "next step"),
    NEXT_ACTION_DUE(false, "下一步截止日期", "截止日期", "nextActionDue", "next action due", "due"),
    STATUS(false, "完成状态", "status", "状态");

    private final boolean required;
    private final List<String> names;

    Table2Columns(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    public String chinese() {
        return names.get(0);
    }

    private static String key(String header) {
        return header == null ? "" : header.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).replace("_", " ");
    }

    public static Optional<Table2Columns> of(String header) {
        String wanted = key(header);
        for (Table2Columns column : values()) {
            for (String name : column.names) {
                if (key(name).equals(wanted)) {
                    return Optional.of(column);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The header rule: every required column present once; unknown columns are ignored.
     *
     * @return column index per known column
     * @throws InvalidInput naming the missing columns
     */
    public static Map<Table2Columns, Integer> locate(List<String> headers) {
        Map<Table2Columns, Integer> at = new EnumMap<>(Table2Columns.class);
        for (int i = 0; i < headers.size(); i++) {
            int index = i;
            of(headers.get(i)).ifPresent(c -> at.putIfAbsent(c, index));
        }
        List<Violation> missing = new ArrayList<>();
        for (Table2Columns column : values()) {
            if (column.required && !at.containsKey(column)) {
                missing.add(new Violation("header", "column " + column.chinese() + " (" + column.names.get(1) + ") is missing"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInput(missing);
        }
        return at;
    }
}
