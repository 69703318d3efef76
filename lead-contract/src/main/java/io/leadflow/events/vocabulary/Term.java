package io.leadflow.events.vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;


/**
 * The suite's shared vocabulary: the coded values the events carry and more than one service shows, each code with
 * the template's Chinese word and an English one. Domain code passes codes; the words are looked up here, at the
 * edge, by code and the reader's {@link Language}, from the {@code vocabulary_zh} / {@code vocabulary_en} bundles
 * next to this class (key {@code <term>.<CODE>}). A code nobody has a word for yet (a grade level routing was
 * configured with, a reason a producer added) reads as sent, so a new value is never hidden.
 */
public enum Term {
    /** Sales stages in funnel order ({@link Stage}). */
    STAGE("stage", Codes.CLOSED, Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new)),
    /** The template's three intent grades, high to low (routing may be configured with others). */
    GRADE("grade", Codes.OPEN, "HIGH", "MEDIUM", "LOW"),
    /** Lead sources in the template's order. */
    SOURCE("source", Codes.CLOSED, "TRADE_SHOW", "WEBSITE_FORM", "PARTNER_REFERRAL", "SOCIAL_MEDIA",
            "CUSTOMER_REFERRAL", "OTHER"),
    /** Why a lead was rejected (intake's screening) or lost (follow-up's lost reasons, and older loss codes). */
    REASON("reason", Codes.OPEN,
            // follow-up's lost-reason codes
            "BUDGET", "TIMING", "COMPETITOR", "NO_NEED", "UNRESPONSIVE", "SLOW_RESPONSE", "OTHER",
            // loss codes imported history and earlier producers use
            "BUDGET_INSUFFICIENT", "NO_RESPONSE", "NEED_MISMATCH", "PRICE", "DECISION_DELAYED",
            "CONTACT_INCOMPLETE", "CONTACT_INVALID", "INDUSTRY_NOT_TARGETED", "REGION_NOT_SERVED",
            "COMPANY_TOO_SMALL", "NEED_NOT_RELEVANT",
            // intake's screening codes
            "PHONE_INVALID", "EMAIL_INVALID", "EMAIL_DISPOSABLE", "EMAIL_DOMAIN_BLOCKED", "NEED_MISSING",
            "REQUIRED_FIELD_MISSING", "INDUSTRY_EXCLUDED", "REGION_EXCLUDED", "REGION_NOT_TARGETED",
            "COMPANY_SIZE_UNKNOWN", "NEED_KEYWORD_BLOCKED"),
    /** How a lead is touched: the template's Table 2 方式 column. */
    FOLLOW_UP_METHOD("followUpMethod", Codes.CLOSED, "PHONE", "EMAIL", "VISIT", "MEETING", "WECHAT", "WEBINAR", "DEMO",
            "NEWSLETTER", "AUTOMATED"),
    /** Table 2's 完成状态. */
    FOLLOW_UP_STATUS("followUpStatus", Codes.CLOSED, "DONE", "IN_PROGRESS", "PLANNED"),
    /** The industry codes intake writes for the words people type. */
    INDUSTRY("industry", Codes.OPEN, "SOFTWARE", "INTERNET", "MANUFACTURING", "RETAIL", "FINANCE", "EDUCATION",
            "HEALTHCARE", "TRADE", "LOGISTICS", "REAL_ESTATE", "GOVERNMENT", "ENERGY", "FOOD_SERVICE", "CONSULTING",
            "AUTOMOTIVE"),
    /** The customer-type codes intake writes. */
    CUSTOMER_TYPE("customerType", Codes.OPEN, "ENTERPRISE", "SMB", "INDIVIDUAL", "GOVERNMENT", "PUBLIC_INSTITUTION",
            "PARTNER"),
    /** How a lead came in: typed by staff, the website form, a spreadsheet. */
    CHANNEL("channel", Codes.CLOSED, "STAFF", "FORM", "IMPORT"),
    /** Intake's screening result. */
    SCREENING("screening", Codes.CLOSED, "QUALIFIED", "REJECTED"),
    /** How a deal ended. */
    OUTCOME("outcome", Codes.CLOSED, "WON", "LOST"),
    /** The rule policies whose versions are published (PolicyVersionPublished.policy). */
    POLICY("policy", Codes.CLOSED, "SCREENING", "GRADING", "ASSIGNMENT", "CADENCE"),
    /** How the policy lab tried a draft (PolicyTrial.kind). */
    TRIAL("trial", Codes.CLOSED, "GRADING_BACKTEST", "ASSIGNMENT_DRY_RUN", "CADENCE_WHAT_IF"),
    /** The one measure a trial reports before and after (PolicyTrial.measure). */
    TRIAL_MEASURE("trialMeasure", Codes.CLOSED, "TOP_GRADE_LIFT", "TOP_GRADE_TO_SENIOR_PERCENT",
            "FIRST_RESPONSE_SLA_PERCENT");

    /** Whether a term's codes are all there are ({@link #exhaustive()}). */
    private static final class Codes {
        static final boolean CLOSED = true;
        static final boolean OPEN = false;
    }

    private static final String BUNDLE = "io.leadflow.events.vocabulary.vocabulary";

    private final String key;
    private final boolean exhaustive;
    private final List<String> codes;

    Term(String key, boolean exhaustive, String... codes) {
        this.key = key;
        this.exhaustive = exhaustive;
        this.codes = List.of(codes);
    }

    /**
     * Whether {@link #codes()} are all the codes there are: a field of this term never holds another, so an API
     * document may declare them as its enum. Grades (routing names its own levels), reasons (producers add them),
     * industries and customer types (kept as typed when no code fits) are open.
     */
    public boolean exhaustive() {
        return exhaustive;
    }

    /** The bundle key prefix, e.g. {@code stage}. */
    public String key() {
        return key;
    }

    /** The known codes in the order a reader expects them. */
    public List<String> codes() {
        return codes;
    }

    /** The word for a known code (any case); empty for a code without one, and for null. */
    public Optional<String> find(String code, Language language) {
        if (code == null) {
            return Optional.empty();
        }
        ResourceBundle words = Bundles.of(language);
        String k = key + "." + code.trim().toUpperCase(Locale.ROOT);
        return words.containsKey(k) ? Optional.of(words.getString(k)) : Optional.empty();
    }

    /** The word for a code, or the code as sent when there is none (null stays null). */
    public String label(String code, Language language) {
        return find(code, language).orElse(code);
    }

    /**
     * The code a person meant: a code in any case (with spaces or hyphens for underscores), or its word in either
     * language ({@code 展会}, {@code Trade show}). Empty for anything else.
     */
    public Optional<String> codeOf(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        String asCode = asCode(t);
        for (String code : codes) {
            if (code.equals(asCode) || t.equals(label(code, Language.ZH)) || asCode.equals(asCode(label(code, Language.EN)))) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    private static String asCode(String text) {
        return text.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    /** The vocabulary's words; a missing one shows as missing. */
    private static final class Bundles {

        private static final Words WORDS = Words.of(BUNDLE, Term.class);

        static ResourceBundle of(Language language) {
            return WORDS.in(language);
        }
    }
}
