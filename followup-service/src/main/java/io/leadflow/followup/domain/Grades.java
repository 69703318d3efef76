package io.leadflow.followup.domain;

import java.util.Map;
import java.util.regex.Pattern;

import io.leadflow.events.domain.InvalidInput;

/** Grade codes follow routing's 3-5 levels; the template's 高/中/低意向 are accepted where people type them. */
public final class Grades {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Map<String, String> CHINESE = Map.of(
            "高意向", "HIGH", "高", "HIGH", "中意向", "MEDIUM", "中", "MEDIUM", "低意向", "LOW", "低", "LOW");

    private Grades() {
    }

    /** @throws InvalidInput when the text is neither a grade code nor a Chinese grade word */
    public static String parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInput.of(field, "is required: a grade code such as HIGH, MEDIUM, LOW (or 高意向/中意向/低意向)");
        }
        String chinese = CHINESE.get(text.trim());
        if (chinese != null) {
            return chinese;
        }
        String code = Words.normalise(text);
        if (!CODE.matcher(code).matches()) {
            throw InvalidInput.of(field, "'" + text + "' is not a grade code (UPPER_SNAKE such as HIGH, or 高意向/中意向/低意向)");
        }
        return code;
    }
}
