package io.leadflow.intake.domain;

import java.util.Locale;
import java.util.Map;

/** Industry and customer-type codes; the Chinese words people type map to the English codes. */
public final class Codes {

    private static final Map<String, String> INDUSTRIES = Map.ofEntries(
            Map.entry("软件", "SOFTWARE"), Map.entry("软件和信息技术", "SOFTWARE"), Map.entry("信息技术", "SOFTWARE"),
            Map.entry("IT", "SOFTWARE"), Map.entry("互联网", "INTERNET"), Map.entry("制造", "MANUFACTURING"),
            Map.entry("制造业", "MANUFACTURING"), Map.entry("零售", "RETAIL"), Map.entry("零售业", "RETAIL"),
            Map.entry("金融", "FINANCE"), Map.entry("银行", "FINANCE"), Map.entry("保险", "FINANCE"),
            Map.entry("教育", "EDUCATION"), Map.entry("医疗", "HEALTHCARE"), Map.entry("医疗健康", "HEALTHCARE"),
            Map.entry("贸易", "TRADE"), Map.entry("商贸", "TRADE"), Map.entry("物流", "LOGISTICS"),
            Map.entry("房地产", "REAL_ESTATE"), Map.entry("政府", "GOVERNMENT"), Map.entry("能源", "ENERGY"),
            Map.entry("餐饮", "FOOD_SERVICE"), Map.entry("咨询", "CONSULTING"), Map.entry("汽车", "AUTOMOTIVE"));

    private static final Map<String, String> CUSTOMER_TYPES = Map.of(
            "企业", "ENTERPRISE", "大型企业", "ENTERPRISE", "中小企业", "SMB", "个人", "INDIVIDUAL", "政府", "GOVERNMENT",
            "事业单位", "PUBLIC_INSTITUTION", "渠道", "PARTNER");

    private Codes() {
    }

    /** 软件 becomes SOFTWARE, "real estate" REAL_ESTATE; any other text is kept as typed. */
    public static String industry(String text) {
        return code(text, INDUSTRIES);
    }

    public static String customerType(String text) {
        return code(text, CUSTOMER_TYPES);
    }

    private static String code(String text, Map<String, String> words) {
        String t = Text.clean(Text.fold(text));
        if (t == null) {
            return null;
        }
        String mapped = words.get(t.toUpperCase(Locale.ROOT));
        if (mapped == null) {
            mapped = words.get(t);
        }
        if (mapped != null) {
            return mapped;
        }
        if (t.matches("[A-Za-z][A-Za-z _-]*")) {
            return t.toUpperCase(Locale.ROOT).replaceAll("[ -]+", "_");
        }
        return t;
    }
}
