package io.leadflow.intake.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of an imported sheet: the template's Table 1 headers in Chinese (线索编号, 客户名称, 联系人, 联系方式,
 * 线索来源, 需求描述, 意向等级, 预算范围, 决策周期, 跟进人, 登记日期), their English names, and a few common extras.
 */
public final class ImportColumns {

    private static final Map<String, String> HEADERS = new HashMap<>();
    /** The first name given for each field: the template's own column header. */
    private static final Map<String, String> LABELS = new HashMap<>();

    static {
        alias("externalRef", "线索编号", "编号", "leadid", "lead id", "id", "externalref");
        alias("customerName", "客户名称", "公司名称", "公司", "customer", "customername", "company", "customer name");
        alias("contactName", "联系人", "contact", "contactname", "contact name", "contact person");
        alias("contact", "联系方式", "contact details", "contactdetails");
        alias("phone", "电话", "手机", "手机号", "联系电话", "phone", "mobile", "tel");
        alias("email", "邮箱", "电子邮箱", "email", "e-mail");
        alias("wechat", "微信", "wechat");
        alias("source", "线索来源", "来源", "source", "lead source");
        alias("sourceDetail", "来源详情", "渠道详情", "sourcedetail", "source detail");
        alias("needDescription", "需求描述", "需求", "need", "needdescription", "need description");
        alias("givenGrade", "意向等级", "意向", "grade", "intent", "intent grade");
        alias("budget", "预算范围", "预算", "budget", "budget range");
        alias("decisionCycle", "决策周期", "decisioncycle", "decision cycle");
        alias("namedOwner", "跟进人", "负责人", "owner", "namedowner", "follow-up owner");
        alias("registeredAt", "登记日期", "登记时间", "registeredat", "registration date", "registered at", "date");
        alias("industry", "行业", "industry");
        alias("region", "地区", "地域", "区域", "region");
        alias("companySize", "企业规模", "公司规模", "人数", "companysize", "company size");
        alias("customerType", "客户类型", "customertype", "customer type");
    }

    private static void alias(String field, String... names) {
        LABELS.putIfAbsent(field, names[0]);
        for (String n : names) {
            HEADERS.put(key(n), field);
        }
    }

    private static String key(String header) {
        String h = Text.fold(header);
        return h == null ? "" : h.toLowerCase(Locale.ROOT).replaceAll("[\\s_*:：]", "");
    }

    /** The template's Chinese column header for a lead field (客户名称 for customerName); the field itself if none. */
    public static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /** Field per column index (null for a column this import does not read), or the header's problems. */
    public record Mapping(List<String> fields, List<String> unknownHeaders, List<String> missing) {
        public boolean ok() {
            return missing.isEmpty();
        }
    }

    public static Mapping map(List<String> headers) {
        List<String> fields = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String h : headers) {
            String field = HEADERS.get(key(h));
            if (field != null && fields.contains(field)) {
                field = null; // a second column of the same meaning is ignored, the first wins
            }
            fields.add(field);
            if (field == null && h != null && !h.isBlank()) {
                unknown.add(h);
            }
        }
        List<String> missing = new ArrayList<>();
        if (!fields.contains("customerName")) {
            missing.add("客户名称 (customerName)");
        }
        if (!fields.contains("contact") && !fields.contains("phone") && !fields.contains("email")) {
            missing.add("联系方式 (contact), or 电话/phone or 邮箱/email");
        }
        if (!fields.contains("source")) {
            missing.add("线索来源 (source)");
        }
        return new Mapping(fields, unknown, missing);
    }
}
