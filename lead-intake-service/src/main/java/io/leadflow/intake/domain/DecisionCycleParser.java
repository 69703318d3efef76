package io.leadflow.intake.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a decision cycle as people type it into days: {@code 1个月} = 30, {@code 两周} = 14, {@code 半年} = 180,
 * {@code 2-3个月} = 75 (the middle of the range, so 2-3 months grades like the template's 1-3 months), {@code 3个月以上}
 * = 90, {@code 不确定} = unknown (null).
 */
public final class DecisionCycleParser {

    private static final Set<String> UNKNOWN = Set.of("不确定", "待定", "待确认", "未知", "未定", "不清楚", "UNKNOWN", "TBD",
            "N/A", "?", "-");
    private static final Pattern CYCLE = Pattern.compile(
            "^(\\d+(?:\\.\\d+)?)(?:(?:-|~|至|到|—|–)(\\d+(?:\\.\\d+)?))?(天|日|DAYS?|D|周|星期|WEEKS?|W|个月|月|MONTHS?|M|年|YEARS?|Y)"
                    + "(以上|以内|内|以下|左右|\\+)?$");

    private DecisionCycleParser() {
    }

    /** Days, or null when the text says it is unknown or cannot be read. */
    public static Integer parse(String text) {
        String typed = Text.clean(text);
        if (typed == null) {
            return null;
        }
        String t = Text.fold(typed).toUpperCase(Locale.ROOT).replaceAll("\\s", "");
        if (UNKNOWN.contains(t)) {
            return null;
        }
        t = t.replace("半个月", "0.5个月").replace("半年", "0.5年").replace("一年半", "1.5年");
        t = chineseNumerals(t);
        if (t.matches("^\\d+$")) {
            return Integer.parseInt(t); // a bare number in a decision-cycle column means days
        }
        Matcher m = CYCLE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        double unit = switch (m.group(3)) {
            case "天", "日", "DAY", "DAYS", "D" -> 1;
            case "周", "星期", "WEEK", "WEEKS", "W" -> 7;
            case "个月", "月", "MONTH", "MONTHS", "M" -> 30;
            default -> 365;
        };
        double low = Double.parseDouble(m.group(1));
        double value = m.group(2) == null ? low : (low + Double.parseDouble(m.group(2))) / 2;
        return (int) Math.round(value * unit);
    }

    private static String chineseNumerals(String t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int digit = "零一二三四五六七八九".indexOf(c);
            if (c == '两') {
                digit = 2;
            }
            if (c == '十') {
                boolean before = out.length() > 0 && Character.isDigit(out.charAt(out.length() - 1));
                boolean after = i + 1 < t.length() && "一二三四五六七八九两".indexOf(t.charAt(i + 1)) >= 0;
                if (!before) {
                    out.append('1');
                }
                if (!after) {
                    out.append('0');
                }
                continue;
            }
            out.append(digit >= 0 ? Character.forDigit(digit, 10) : c);
        }
        return out.toString();
    }
}
