package io.leadflow.followup.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadflow.events.domain.InvalidInput;

/**
 * The configurable list a lost lead's reason is chosen from, so analytics can count loss factors. OTHER needs a
 * note that says what happened.
 */
public final class LostReasons {

    public static final String OTHER = "OTHER";

    /** The template's usual loss factors with the Chinese words people type for them. */
    private static final Map<String, List<String>> KNOWN_WORDS = Map.of(
            "BUDGET", List.of("预算不足", "预算", "没有预算"),
            "TIMING", List.of("时机", "时机不对", "暂缓", "时间不合适"),
            "COMPETITOR", List.of("竞争对手", "竞品", "选择了竞品"),
            "NO_NEED", List.of("无需求", "没有需求", "需求不符"),
            "UNRESPONSIVE", List.of("联系不上", "无响应", "失联", "无回应"),
            "SLOW_RESPONSE", List.of("跟进响应慢", "响应慢", "跟进不及时"),
            OTHER, List.of("其他", "其它"));

    private final Map<String, List<String>> reasons = new LinkedHashMap<>();

    public LostReasons(List<String> codes) {
        for (String code : codes) {
            String normalised = Words.normalise(code);
            reasons.put(normalised, KNOWN_WORDS.getOrDefault(normalised, List.of()));
        }
        reasons.putIfAbsent(OTHER, KNOWN_WORDS.get(OTHER));
    }

    public List<String> codes() {
        return List.copyOf(reasons.keySet());
    }

    public Optional<String> parse(String text) {
        String wanted = Words.normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return reasons.entrySet().stream()
                .filter(e -> e.getKey().equals(wanted) || e.getValue().contains(text.trim()))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The lost-reason rule: a reason from the list, and a note when it is OTHER. */
    public String require(String reason, String note) {
        String code = parse(reason).orElseThrow(() -> InvalidInput.of("reason",
                reason == null || reason.isBlank() ? "is required for a lost lead; one of " + codes()
                        : "'" + reason + "' is not one of " + codes()));
        if (code.equals(OTHER) && (note == null || note.trim().isEmpty())) {
            throw InvalidInput.of("note", "is required when the reason is OTHER: say why the lead was lost");
        }
        return code;
    }
}
