package io.leadflow.intake.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.Utm;

/**
 * Reads a {@link RawLead} into a {@link LeadDraft}, or says precisely which fields a person has to fix. Only the
 * form of the input is judged here (an unknown source, a date in the future, a 10 MB need); whether the lead is
 * worth following is {@link Screening}'s job, and a screened-out lead is still kept.
 */
public final class DraftParser {

    /** Registration dates before this are typing mistakes, not history. */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    /** Clocks of the submitting devices drift; a registration this little in the future is "now". */
    private static final long CLOCK_SKEW_SECONDS = 300;

    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$");
    private static final Pattern COMPACT_DATE = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})$");
    private static final Pattern SIZE = Pattern.compile(
            "^(\\d+)(?:\\s*(?:-|~|至|到|—|–)\\s*(\\d+))?\\s*(?:人|名|名员工|员工)?\\s*(以上|以下|以内|\\+)?$");

    private DraftParser() {
    }

    public record Result(LeadDraft draft, List<InputError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result parse(RawLead raw, Instant now, ZoneId zone) {
        List<InputError> errors = new ArrayList<>();
        String externalRef = limit("externalRef", raw.externalRef(), 64, errors);
        String customerName = limit("customerName", raw.customerName(), 200, errors);
        String contactName = limit("contactName", raw.contactName(), 100, errors);
        String phone = limit("phone", raw.phone(), 50, errors);
        String email = limit("email", raw.email(), 254, errors);
        String wechat = limit("wechat", raw.wechat(), 100, errors);
        String sourceDetail = limit("sourceDetail", raw.sourceDetail(), 500, errors);
        String need = limit("needDescription", raw.needDescription(), 5000, errors);
        String industry = Codes.industry(limit("industry", raw.industry(), 100, errors));
        String region = limit("region", raw.region(), 100, errors);
        String customerType = Codes.customerType(limit("customerType", raw.customerType(), 100, errors));
        String owner = limit("namedOwner", raw.namedOwner(), 100, errors);
        String consentText = limit("consentText", raw.consentText(), 1000, errors);
        String cycleText = limit("decisionCycle", raw.decisionCycle(), 100, errors);
        Utm utm = utm(raw, errors);

        LeadSource source = null;
        String sourceText = Text.clean(raw.source());
        if (sourceText == null) {
            errors.add(new InputError("source", "input.source.missing", LeadSource.accepted(),
                    LeadSource.acceptedZh()));
        } else {
            source = LeadSource.parse(sourceText).orElse(null);
            if (source == null) {
                errors.add(new InputError("source", "input.source.unknown", sourceText, LeadSource.accepted(),
                        LeadSource.acceptedZh()));
            }
        }

        Intent intent = intent("declaredIntent", raw.declaredIntent(), errors);
        Intent grade = intent("givenGrade", raw.givenGrade(), errors);
        Integer companySize = companySize(raw.companySize(), errors);
        Budget budget = budget(raw, errors);
        Instant registeredAt = registeredAt(raw.registeredAt(), now, zone, errors);

        Consent consent = null;
        if (raw.consentGranted() != null) {
            consent = new Consent(raw.consentGranted(), registeredAt == null ? now : registeredAt, consentText);
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        LeadDraft draft = new LeadDraft(externalRef, customerName, contactName, phone, email, wechat, source,
                sourceDetail, utm, need, industry, region, companySize, customerType, budget,
                DecisionCycleParser.parse(cycleText), cycleText, intent, grade, owner, consent, registeredAt);
        return new Result(draft, List.of());
    }

    private static Utm utm(RawLead raw, List<InputError> errors) {
        String s = limit("utmSource", raw.utmSource(), 200, errors);
        String m = limit("utmMedium", raw.utmMedium(), 200, errors);
        String c = limit("utmCampaign", raw.utmCampaign(), 200, errors);
        String t = limit("utmTerm", raw.utmTerm(), 200, errors);
        String ct = limit("utmContent", raw.utmContent(), 200, errors);
        if (s == null && m == null && c == null && t == null && ct == null) {
            return null;
        }
        return new Utm(s, m, c, t, ct);
    }

    private static Intent intent(String field, String text, List<InputError> errors) {
        String t = Text.clean(text);
        if (t == null) {
            return null;
        }
        return Intent.parse(t).orElseGet(() -> {
            errors.add(new InputError(field, "input.intent", t));
            return null;
        });
    }

    /** Employees: 120, 50-99人 (the lower bound counts), 500人以上, 1000+. */
    static Integer companySize(String text, List<InputError> errors) {
        String t = Text.clean(Text.fold(text));
        if (t == null) {
            return null;
        }
        Matcher m = SIZE.matcher(t.replace(",", ""));
        if (!m.matches() || m.group(1).length() > 7) {
            errors.add(new InputError("companySize", "input.companySize", t));
            return null;
        }
        int first = Integer.parseInt(m.group(1));
        if ("以下".equals(m.group(3)) || "以内".equals(m.group(3))) {
            return Math.max(1, first / 2); // "fewer than 50": a lower bound is unknown; half is a fair, honest guess
        }
        return first;
    }

    private static Budget budget(RawLead raw, List<InputError> errors) {
        BudgetParser.Result result;
        if (raw.budgetMin() != null || raw.budgetMax() != null) {
            result = BudgetParser.ofRange(raw.budgetMin(), raw.budgetMax(), raw.budgetCurrency(), raw.budgetText());
        } else {
            String text = Text.clean(raw.budgetText());
            if (text != null && text.length() > 100) {
                errors.add(new InputError("budget", "input.budget.tooLong", 100));
                return null;
            }
            result = BudgetParser.parse(text);
        }
        if (!result.ok()) {
            errors.add(new InputError("budget", result.error()));
        }
        return result.budget();
    }

    /** A historical registration is welcome (teams move their register in); one in the future is a mistake. */
    static Instant registeredAt(String text, Instant now, ZoneId zone, List<InputError> errors) {
        String t = Text.clean(Text.fold(text));
        if (t == null) {
            return now;
        }
        Instant at = null;
        boolean dateOnly = false;
        try {
            at = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    at = LocalDateTime.parse(t, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")).atZone(zone).toInstant();
                } catch (DateTimeParseException e3) {
                    LocalDate date = date(t);
                    if (date != null) {
                        at = date.atStartOfDay(zone).toInstant();
                        dateOnly = true;
                    }
                }
            }
        }
        if (at == null) {
            errors.add(new InputError("registeredAt", "input.registeredAt.notADate", t));
            return null;
        }
        LocalDate day = ZonedDateTime.ofInstant(at, zone).toLocalDate();
        if (day.isBefore(EARLIEST)) {
            errors.add(new InputError("registeredAt", "input.registeredAt.tooEarly", t, EARLIEST));
            return null;
        }
        boolean future = dateOnly ? day.isAfter(LocalDate.ofInstant(now, zone))
                : at.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS));
        if (future) {
            errors.add(new InputError("registeredAt", "input.registeredAt.future", t));
            return null;
        }
        return at.isAfter(now) ? now : at;
    }

    static LocalDate date(String t) {
        Matcher m = DATE.matcher(t);
        if (!m.matches()) {
            m = COMPACT_DATE.matcher(t);
            if (!m.matches()) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String limit(String field, String value, int max, List<InputError> errors) {
        String v = Text.clean(value);
        if (v != null && v.length() > max) {
            errors.add(new InputError(field, "input.tooLong", v.length(), max));
            return null;
        }
        return v;
    }
}
