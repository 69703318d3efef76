package io.leadflow.intake.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A lead exactly as a channel delivered it, every value still text: the common ground of staff capture, website
 * form posts and spreadsheet rows, so that all three are read by the same {@link DraftParser}.
 */
public record RawLead(
        String externalRef,
        String customerName,
        String contactName,
        String phone,
        String email,
        String wechat,
        String source,
        String sourceDetail,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmTerm,
        String utmContent,
        String needDescription,
        String industry,
        String region,
        String companySize,
        String customerType,
        String budgetText,
        BigDecimal budgetMin,
        BigDecimal budgetMax,
        String budgetCurrency,
        String decisionCycle,
        String declaredIntent,
        String givenGrade,
        String namedOwner,
        Boolean consentGranted,
        String consentText,
        String registeredAt) {

    /** The canonical field names a form's field mapping or an import's header can point at. */
    public static final java.util.List<String> FIELDS = java.util.List.of("externalRef", "customerName",
            "contactName", "phone", "email", "wechat", "contact", "source", "sourceDetail", "utmSource", "utmMedium",
            "utmCampaign", "utmTerm", "utmContent", "needDescription", "industry", "region", "companySize",
            "customerType", "budget", "decisionCycle", "declaredIntent", "givenGrade", "namedOwner", "consent",
            "consentText", "registeredAt");

    /**
     * From canonical field names to values. {@code contact} is the template's one 联系方式 column, read by
     * {@link ContactCell}; a phone, email or WeChat field of its own wins over what the cell holds.
     */
    public static RawLead fromFields(Map<String, String> f) {
        String phone = f.get("phone");
        String email = f.get("email");
        String wechat = f.get("wechat");
        ContactCell cell = ContactCell.parse(f.get("contact"));
        if (Text.clean(phone) == null) {
            phone = cell.phone();
        }
        if (Text.clean(email) == null) {
            email = cell.email();
        }
        if (Text.clean(wechat) == null) {
            wechat = cell.wechat();
        }
        return new RawLead(f.get("externalRef"), f.get("customerName"), f.get("contactName"), phone, email,
                wechat, f.get("source"), f.get("sourceDetail"), f.get("utmSource"), f.get("utmMedium"),
                f.get("utmCampaign"), f.get("utmTerm"), f.get("utmContent"), f.get("needDescription"),
                f.get("industry"), f.get("region"), f.get("companySize"), f.get("customerType"), f.get("budget"),
                null, null, null, f.get("decisionCycle"), f.get("declaredIntent"), f.get("givenGrade"),
                f.get("namedOwner"), consent(f.get("consent")), f.get("consentText"), f.get("registeredAt"));
    }

    private static Boolean consent(String text) {
        String t = Text.clean(text);
        if (t == null) {
            return null;
        }
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "y", "1", "是", "同意", "已同意" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    public RawLead withSource(String newSource, String newDetail) {
        return new RawLead(externalRef, customerName, contactName, phone, email, wechat, newSource, newDetail,
                utmSource, utmMedium, utmCampaign, utmTerm, utmContent, needDescription, industry, region, companySize,
                customerType, budgetText, budgetMin, budgetMax, budgetCurrency, decisionCycle, declaredIntent,
                givenGrade, namedOwner, consentGranted, consentText, registeredAt);
    }
}
