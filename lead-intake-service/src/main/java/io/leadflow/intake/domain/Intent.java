package io.leadflow.intake.domain;

import java.util.Locale;
import java.util.Optional;

/** Declared intent or a given grade, in the template's three levels: 高/中/低意向. */
public enum Intent {
    HIGH("高意向"), MEDIUM("中意向"), LOW("低意向");

    private final String label;

    Intent(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Intent> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = Text.fold(text).toUpperCase(Locale.ROOT);
        return switch (t) {
            case "HIGH", "高", "高意向", "A" -> Optional.of(HIGH);
            case "MEDIUM", "MID", "中", "中意向", "B" -> Optional.of(MEDIUM);
            case "LOW", "低", "低意向", "C" -> Optional.of(LOW);
            default -> Optional.empty();
        };
    }
}
