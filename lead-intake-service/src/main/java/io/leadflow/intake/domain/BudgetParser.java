package io.leadflow.intake.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadflow.events.contract.Budget;

/**
 * Reads a budget as people type it: {@code 10-15万}, {@code 12万}, {@code 50万以上}, {@code 100k}, {@code 80000元},
 * {@code 待确认}. The typed text is always kept; min/max are null when the budget is not known.
 */
public final class BudgetParser {

    public static final String DEFAULT_CURRENCY = "CNY";

    private static final Set<String> UNKNOWN = Set.of("待确认", "待定", "不确定", "未知", "面议", "未定", "不详", "暂无",
            "无", "TBD", "UNKNOWN", "N/A", "NA", "?", "-");
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String UNIT = "(百万|千万|万|千|亿|K|W|M)?";
    private static final Pattern BUDGET = Pattern.compile(
            "^" + NUMBER + UNIT + "(?:(?:-|~|至|到|—|–)" + NUMBER + UNIT + ")?(以上|以下|以内|左右|\\+)?$");

    private BudgetParser() {
    }

    /** A parsed budget, or the reason the text is not a budget at all (e.g. a range whose minimum is above its maximum). */
    public record Result(Budget budget, Said error) {
        Result(Budget budget) {
            this(budget, null);
        }

        public boolean ok() {
            return error == null;
        }
    }

    public static Result parse(String text) {
        String typed = Text.clean(text);
        if (typed == null) {
            return new Result(null);
        }
        String t = Text.fold(typed).toUpperCase(Locale.ROOT);
        String currency = DEFAULT_CURRENCY;
        if (t.contains("USD") || t.contains("$") || t.contains("美元")) {
            currency = "USD";
        }
        t = t.replaceAll("[\\s,，]", "")
                .replace("人民币", "").replace("RMB", "").replace("CNY", "").replace("USD", "").replace("美元", "")
                .replace("¥", "").replace("$", "").replace("预算", "").replace("元", "").replace("约", "")
                .replace("大概", "");
        if (t.isEmpty() || UNKNOWN.contains(t)) {
            return new Result(new Budget(null, null, currency, typed));
        }
        Matcher m = BUDGET.matcher(t);
        if (!m.matches()) {
            // Not a number we understand (面谈后定, 看方案): unknown, the words kept for the owner to read.
            return new Result(new Budget(null, null, currency, typed));
        }
        String secondUnit = m.group(4);
        String firstUnit = m.group(2) != null ? m.group(2) : secondUnit;
        BigDecimal first = amount(m.group(1), firstUnit);
        BigDecimal second = m.group(3) == null ? null : amount(m.group(3), secondUnit != null ? secondUnit : firstUnit);
        String qualifier = m.group(5);
        BigDecimal min;
        BigDecimal max;
        if (second != null) {
            min = first;
            max = second;
        } else if ("以上".equals(qualifier) || "+".equals(qualifier)) {
            min = first;
            max = null;
        } else if ("以下".equals(qualifier) || "以内".equals(qualifier)) {
            min = null;
            max = first;
        } else {
            min = first;
            max = first;
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            return new Result(null, Said.of("input.budget.reversedText", typed));
        }
        return new Result(new Budget(min, max, currency, typed));
    }

    /** A budget given as numbers; validates that they make a range. */
    public static Result ofRange(BigDecimal min, BigDecimal max, String currency, String text) {
        if ((min != null && min.signum() < 0) || (max != null && max.signum() < 0)) {
            return new Result(null, Said.of("input.budget.negative"));
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            return new Result(null, Said.of("input.budget.reversed", min.toPlainString(), max.toPlainString()));
        }
        String cur = Text.clean(currency) == null ? DEFAULT_CURRENCY : currency.strip().toUpperCase(Locale.ROOT);
        if (!cur.matches("[A-Z]{3}")) {
            return new Result(null, Said.of("input.budget.currency", currency));
        }
        return new Result(new Budget(min, max, cur, Text.clean(text)));
    }

    /** 100000, not 1.0E+5 or 100000.00: amounts read the same whether they were typed or loaded from the database. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static BigDecimal amount(String number, String unit) {
        BigDecimal value = new BigDecimal(number);
        BigDecimal factor = switch (unit == null ? "" : unit) {
            case "万", "W" -> BigDecimal.valueOf(10_000);
            case "千", "K" -> BigDecimal.valueOf(1_000);
            case "百万", "M" -> BigDecimal.valueOf(1_000_000);
            case "千万" -> BigDecimal.valueOf(10_000_000);
            case "亿" -> BigDecimal.valueOf(100_000_000);
            default -> BigDecimal.ONE;
        };
        return plain(value.multiply(factor));
    }
}
