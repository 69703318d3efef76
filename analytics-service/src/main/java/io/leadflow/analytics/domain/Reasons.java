package io.leadflow.analytics.domain;

import java.util.Locale;
import java.util.Map;

/**
 * Words for the reason codes follow-up (loss) and intake (rejection) send. Unknown codes are shown as sent, so a
 * new code from a producer is never hidden; the families below drive the suggestions.
 */
public final class Reasons {

    public enum Family { BUDGET, RESPONSE, NEED_FIT, COMPETITOR, TIMING, CONTACT, OTHER }

    private static final Map<String, String[]> LABELS = Map.ofEntries(
            Map.entry("BUDGET_INSUFFICIENT", new String[] {"预算不足", "Budget insufficient"}),
            // follow-up's lost-reason codes (LostReasons there): BUDGET, TIMING, COMPETITOR, NO_NEED, UNRESPONSIVE,
            // SLOW_RESPONSE, OTHER
            Map.entry("BUDGET", new String[] {"预算不足", "Budget insufficient"}),
            Map.entry("UNRESPONSIVE", new String[] {"客户无回应", "Customer unresponsive"}),
            Map.entry("OTHER", new String[] {"其他", "Other"}),
            Map.entry("SLOW_RESPONSE", new String[] {"跟进响应慢", "Slow response"}),
            Map.entry("NO_RESPONSE", new String[] {"客户无回应", "Customer unresponsive"}),
            Map.entry("NEED_MISMATCH", new String[] {"需求不匹配", "Need does not fit"}),
            Map.entry("NO_NEED", new String[] {"暂无需求", "No need"}),
            Map.entry("COMPETITOR", new String[] {"选择竞品", "Chose a competitor"}),
            Map.entry("PRICE", new String[] {"价格因素", "Price"}),
            Map.entry("TIMING", new String[] {"时机未到", "Timing"}),
            Map.entry("DECISION_DELAYED", new String[] {"决策搁置", "Decision postponed"}),
            Map.entry("CONTACT_INCOMPLETE", new String[] {"联系方式不完整", "Contact details incomplete"}),
            Map.entry("CONTACT_INVALID", new String[] {"联系方式错误", "Contact details invalid"}),
            Map.entry("INDUSTRY_NOT_TARGETED", new String[] {"行业不符", "Industry not targeted"}),
            Map.entry("REGION_NOT_SERVED", new String[] {"地域不符", "Region not served"}),
            Map.entry("COMPANY_TOO_SMALL", new String[] {"企业规模不足", "Company too small"}),
            Map.entry("NEED_NOT_RELEVANT", new String[] {"需求明显不符", "Need clearly unrelated"}),
            // intake's screening codes (Screening there); deploy/checks' ReasonCodesTest keeps this list complete
            Map.entry("PHONE_INVALID", new String[] {"电话号码无效", "Phone number invalid"}),
            Map.entry("EMAIL_INVALID", new String[] {"邮箱无效", "Email invalid"}),
            Map.entry("EMAIL_DISPOSABLE", new String[] {"一次性邮箱", "Disposable email"}),
            Map.entry("EMAIL_DOMAIN_BLOCKED", new String[] {"邮箱域名已屏蔽", "Email domain blocked"}),
            Map.entry("NEED_MISSING", new String[] {"未填写需求", "Need not described"}),
            Map.entry("REQUIRED_FIELD_MISSING", new String[] {"必填信息缺失", "Required field missing"}),
            Map.entry("INDUSTRY_EXCLUDED", new String[] {"行业已排除", "Industry excluded"}),
            Map.entry("REGION_EXCLUDED", new String[] {"地域已排除", "Region excluded"}),
            Map.entry("REGION_NOT_TARGETED", new String[] {"地域不在目标范围", "Region not targeted"}),
            Map.entry("COMPANY_SIZE_UNKNOWN", new String[] {"企业规模未知", "Company size unknown"}),
            Map.entry("NEED_KEYWORD_BLOCKED", new String[] {"需求含排除关键词", "Need matches a blocked keyword"}));

    private Reasons() {
    }

    public static String label(String code, boolean chinese) {
        if (code == null) {
            return "";
        }
        String[] words = LABELS.get(code.toUpperCase(Locale.ROOT));
        return words == null ? code : words[chinese ? 0 : 1];
    }

    public static Family family(String code) {
        if (code == null) {
            return Family.OTHER;
        }
        String c = code.toUpperCase(Locale.ROOT);
        if (c.contains("BUDGET") || c.equals("PRICE") || c.contains("预算")) {
            return Family.BUDGET;
        }
        if (c.equals("UNRESPONSIVE") || c.equals("NO_RESPONSE")) {
            return Family.OTHER; // the customer went quiet: not our response speed
        }
        if (c.contains("RESPONSE") || c.contains("SLOW") || c.contains("响应")) {
            return Family.RESPONSE;
        }
        if (c.contains("CONTACT") || c.startsWith("PHONE_") || c.startsWith("EMAIL_")) {
            return Family.CONTACT;
        }
        if (c.contains("NEED") || c.contains("INDUSTRY") || c.contains("REGION") || c.contains("SMALL")
                || c.contains("SIZE")) {
            return Family.NEED_FIT;
        }
        if (c.contains("COMPETITOR")) {
            return Family.COMPETITOR;
        }
        if (c.contains("TIMING") || c.contains("DECISION")) {
            return Family.TIMING;
        }
        return Family.OTHER;
    }
}
