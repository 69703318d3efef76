package io.leadflow.followup.service;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.Violation;
import io.leadflow.followup.domain.CadencePolicy;
import io.leadflow.followup.domain.Counting;
import io.leadflow.followup.domain.FollowUpMethod;
import io.leadflow.followup.domain.GradeCadence;
import io.leadflow.followup.domain.SourceRule;
import io.leadflow.followup.domain.Touch;
import io.leadflow.followup.domain.WorkingCalendar;

/** Translates between the policy document (strings people write) and the domain policy, naming every bad field. */
final class CadencePolicies {

    private CadencePolicies() {
    }

    static CadencePolicy toDomain(CadencePolicyDocument doc, int version, ZoneId zone) {
        List<Violation> violations = new ArrayList<>();
        if (doc == null) {
            throw InvalidInput.of("(body)", "is required: the cadence policy document");
        }
        List<GradeCadence> grades = new ArrayList<>();
        List<CadencePolicyDocument.Grade> gradeDocs = doc.grades() == null ? List.of() : doc.grades();
        for (int i = 0; i < gradeDocs.size(); i++) {
            CadencePolicyDocument.Grade g = gradeDocs.get(i);
            String at = "grades[" + i + "]";
            if (g == null) {
                violations.add(new Violation(at, "must not be null"));
                continue;
            }
            Duration firstResponse = duration(at + ".firstResponse", g.firstResponse(), violations);
            Counting counting = Counting.CALENDAR;
            if (g.counting() != null && !g.counting().isBlank()) {
                try {
                    counting = Counting.valueOf(g.counting().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(at + ".counting", "'" + g.counting() + "' is not one of CALENDAR, BUSINESS_HOURS, BUSINESS_DAYS"));
                }
            }
            List<Touch> touches = new ArrayList<>();
            List<CadencePolicyDocument.Touch> touchDocs = g.touches() == null ? List.of() : g.touches();
            for (int j = 0; j < touchDocs.size(); j++) {
                CadencePolicyDocument.Touch t = touchDocs.get(j);
                String tat = at + ".touches[" + j + "]";
                if (t == null) {
                    violations.add(new Violation(tat, "must not be null"));
                    continue;
                }
                FollowUpMethod method = null;
                if (t.method() != null && !t.method().isBlank()) {
                    method = FollowUpMethod.parse(t.method()).orElse(null);
                    if (method == null) {
                        violations.add(new Violation(tat + ".method", "'" + t.method() + "' is not one of " + FollowUpMethod.accepted()));
                    }
                }
                Period every = period(tat + ".every", t.every(), violations);
                touches.add(new Touch(code(t.kind()), method, every, t.label()));
            }
            grades.add(new GradeCadence(code(g.grade()), firstResponse, counting, touches));
        }
        List<SourceRule> sources = new ArrayList<>();
        List<CadencePolicyDocument.Source> sourceDocs = doc.sources() == null ? List.of() : doc.sources();
        for (int i = 0; i < sourceDocs.size(); i++) {
            CadencePolicyDocument.Source s = sourceDocs.get(i);
            if (s == null) {
                violations.add(new Violation("sources[" + i + "]", "must not be null"));
                continue;
            }
            sources.add(new SourceRule(code(s.source()), duration("sources[" + i + "].firstResponse", s.firstResponse(), violations)));
        }
        WorkingCalendar calendar = calendar(doc.calendar(), zone, violations);
        String fallback = doc.fallbackGrade() == null || doc.fallbackGrade().isBlank() ? null : code(doc.fallbackGrade());
        CadencePolicy policy = new CadencePolicy(version, fallback, grades, sources, calendar);
        if (violations.isEmpty()) {
            violations.addAll(policy.validate());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return policy;
    }

    static CadencePolicyDocument toDocument(CadencePolicy policy, String changeReason, String changedBy, Instant changedAt) {
        List<CadencePolicyDocument.Grade> grades = policy.grades().stream().map(g -> new CadencePolicyDocument.Grade(
                g.grade(), g.firstResponse() == null ? null : g.firstResponse().toString(), g.counting().name(),
                g.touches().stream().map(t -> new CadencePolicyDocument.Touch(t.kind(), t.method().name(),
                        t.every().toString(), t.label())).toList())).toList();
        List<CadencePolicyDocument.Source> sources = policy.sources().stream()
                .map(s -> new CadencePolicyDocument.Source(s.source(), s.firstResponse().toString())).toList();
        WorkingCalendar c = policy.calendar();
        CadencePolicyDocument.Calendar calendar = new CadencePolicyDocument.Calendar(c.workStart().toString(),
                c.workEnd().toString(), c.workingDays().stream().sorted().map(Enum::name).toList(),
                c.holidays().stream().sorted().toList(), c.extraWorkingDays().stream().sorted().toList());
        return new CadencePolicyDocument(policy.version(), policy.fallbackGrade(), grades, sources, calendar, changeReason,
                changedBy,
                changedAt == null ? null : changedAt.atZone(c.zone()).toOffsetDateTime());
    }

    private static String code(String text) {
        return text == null ? null : text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    private static Duration duration(String field, String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "'" + text + "' is not an ISO-8601 duration such as PT48H or P2D"));
            return null;
        }
    }

    private static Period period(String field, String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Period.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "'" + text + "' is not an ISO-8601 period such as P1W or P1M"));
            return null;
        }
    }

    private static WorkingCalendar calendar(CadencePolicyDocument.Calendar doc, ZoneId zone, List<Violation> violations) {
        WorkingCalendar standard = WorkingCalendar.standard(zone);
        if (doc == null) {
            return standard;
        }
        LocalTime start = time("calendar.workStart", doc.workStart(), standard.workStart(), violations);
        LocalTime end = time("calendar.workEnd", doc.workEnd(), standard.workEnd(), violations);
        Set<DayOfWeek> days = standard.workingDays();
        if (doc.workingDays() != null) {
            Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
            for (String day : doc.workingDays()) {
                try {
                    parsed.add(DayOfWeek.valueOf(day == null ? "" : day.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation("calendar.workingDays", "'" + day + "' is not a weekday such as MONDAY"));
                }
            }
            days = parsed;
        }
        return new WorkingCalendar(zone, start, end, days,
                doc.holidays() == null ? Set.of() : new LinkedHashSet<>(doc.holidays().stream().filter(java.util.Objects::nonNull).toList()),
                doc.extraWorkingDays() == null ? Set.of() : new LinkedHashSet<>(doc.extraWorkingDays().stream().filter(java.util.Objects::nonNull).toList()));
    }

    private static LocalTime time(String field, String text, LocalTime fallback, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "'" + text + "' is not a time of day such as 09:00"));
            return fallback;
        }
    }
}
