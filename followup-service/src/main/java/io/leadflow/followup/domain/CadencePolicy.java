package io.leadflow.followup.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadflow.events.domain.Violation;

/**
 * The follow-up cadence per grade code (so it follows routing's 3-5 levels), the sources that tighten the first
 * response, and the working calendar business deadlines count in. Versioned: every change is a new version and
 * tasks remember the version that scheduled them.
 *
 * @param fallbackGrade the cadence used for a grade this policy does not list (routing may add levels)
 */
public record CadencePolicy(int version, String fallbackGrade, List<GradeCadence> grades, List<SourceRule> sources,
                            WorkingCalendar calendar) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Duration MAX_FIRST_RESPONSE = Duration.ofDays(90);

    public CadencePolicy {
        grades = List.copyOf(grades);
        sources = List.copyOf(sources);
    }

    /**
     * The template's step 3.1: HIGH answered within 48 h then a weekly progress sync; MEDIUM a weekly phone/email
     * touch and a monthly webinar or demo invitation; LOW a monthly newsletter; website-form leads answered within
     * 24 h (Table 3's recommendation).
     */
    public static CadencePolicy defaults(ZoneId zone) {
        return new CadencePolicy(1, "MEDIUM", List.of(
                new GradeCadence("HIGH", Duration.ofHours(48), Counting.CALENDAR, List.of(
                        new Touch("WEEKLY_SYNC", FollowUpMethod.PHONE, Period.ofWeeks(1), "每周同步进展,及时解决客户疑虑"))),
                new GradeCadence("MEDIUM", null, Counting.CALENDAR, List.of(
                        new Touch("WEEKLY_TOUCH", FollowUpMethod.PHONE, Period.ofWeeks(1), "每周电话/邮件触达,传递行业案例与产品优势"),
                        new Touch("MONTHLY_INVITATION", FollowUpMethod.WEBINAR, Period.ofMonths(1), "每月邀请参加线上研讨会或产品演示"))),
                new GradeCadence("LOW", null, Counting.CALENDAR, List.of(
                        new Touch("MONTHLY_NEWSLETTER", FollowUpMethod.NEWSLETTER, Period.ofMonths(1), "每月推送行业资讯或产品动态")))),
                List.of(new SourceRule("WEBSITE_FORM", Duration.ofHours(24))),
                WorkingCalendar.standard(zone));
    }

    public CadencePolicy withVersion(int newVersion) {
        return new CadencePolicy(newVersion, fallbackGrade, grades, sources, calendar);
    }

    /** Every reason this policy cannot be used, each naming its field; empty when it is sound. */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (grades.isEmpty()) {
            violations.add(new Violation("grades", "must list at least one grade's cadence"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < grades.size(); i++) {
            GradeCadence cadence = grades.get(i);
            String at = "grades[" + i + "]";
            if (cadence.grade() == null || !CODE.matcher(cadence.grade()).matches()) {
                violations.add(new Violation(at + ".grade", "must be an UPPER_SNAKE grade code such as HIGH"));
            } else if (!seen.add(cadence.grade())) {
                violations.add(new Violation(at + ".grade", cadence.grade() + " is listed twice"));
            }
            violations.addAll(checkFirstResponse(at + ".firstResponse", cadence.firstResponse(), cadence.counting()));
            Set<String> kinds = new HashSet<>();
            for (int j = 0; j < cadence.touches().size(); j++) {
                Touch touch = cadence.touches().get(j);
                String t = at + ".touches[" + j + "]";
                if (touch.kind() == null || !CODE.matcher(touch.kind()).matches()
                        || touch.kind().equals(PlannedTask.FIRST_RESPONSE) || touch.kind().equals(PlannedTask.NEXT_ACTION)) {
                    violations.add(new Violation(t + ".kind", "must be an UPPER_SNAKE name such as WEEKLY_SYNC (not FIRST_RESPONSE or NEXT_ACTION)"));
                } else if (!kinds.add(touch.kind())) {
                    violations.add(new Violation(t + ".kind", touch.kind() + " is listed twice for " + cadence.grade()));
                }
                if (touch.method() == null) {
                    violations.add(new Violation(t + ".method", "is required: one of " + FollowUpMethod.accepted()));
                }
                violations.addAll(checkInterval(t + ".every", touch.every()));
            }
        }
        if (fallbackGrade != null && !seen.contains(fallbackGrade)) {
            violations.add(new Violation("fallbackGrade", "must be one of the listed grades " + seen));
        }
        Set<String> sourceCodes = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceRule rule = sources.get(i);
            String at = "sources[" + i + "]";
            if (rule.source() == null || !CODE.matcher(rule.source()).matches()) {
                violations.add(new Violation(at + ".source", "must be a source code such as WEBSITE_FORM"));
            } else if (!sourceCodes.add(rule.source())) {
                violations.add(new Violation(at + ".source", rule.source() + " is listed twice"));
            }
            if (rule.firstResponse() == null) {
                violations.add(new Violation(at + ".firstResponse", "is required, e.g. PT24H"));
            } else {
                violations.addAll(checkFirstResponse(at + ".firstResponse", rule.firstResponse(), Counting.CALENDAR));
            }
        }
        violations.addAll(calendar.validate("calendar"));
        return violations;
    }

    private static List<Violation> checkFirstResponse(String field, Duration value, Counting counting) {
        if (value == null) {
            return List.of();
        }
        if (value.isZero() || value.isNegative()) {
            return List.of(new Violation(field, "must be a positive duration such as PT48H, not " + value));
        }
        if (value.compareTo(MAX_FIRST_RESPONSE) > 0) {
            return List.of(new Violation(field, "must be at most 90 days"));
        }
        if (counting == Counting.BUSINESS_DAYS && (value.toDays() == 0 || !value.equals(Duration.ofDays(value.toDays())))) {
            return List.of(new Violation(field, "must be whole days (e.g. P2D) when counting BUSINESS_DAYS"));
        }
        return List.of();
    }

    private static List<Violation> checkInterval(String field, Period every) {
        if (every == null) {
            return List.of(new Violation(field, "is required: an ISO-8601 period such as P1W or P1M"));
        }
        if (every.isZero() || every.isNegative() || every.getYears() < 0 || every.getMonths() < 0 || every.getDays() < 0) {
            return List.of(new Violation(field, "must be a positive period such as P1W or P1M, not " + every));
        }
        if (every.toTotalMonths() > 24 || every.getDays() > 730) {
            return List.of(new Violation(field, "must be at most two years"));
        }
        return List.of();
    }

    /** The cadence for a grade, or the fallback grade's when the policy does not list it. */
    public Optional<GradeCadence> cadenceFor(String grade) {
        Optional<GradeCadence> exact = grades.stream().filter(g -> g.grade().equals(grade)).findFirst();
        if (exact.isPresent() || fallbackGrade == null) {
            return exact;
        }
        return grades.stream().filter(g -> g.grade().equals(fallbackGrade)).findFirst();
    }

    /**
     * The first-response rule: the grade's deadline, tightened by the source's when that is sooner; a source rule
     * alone also sets one. Counted from assignment in the grade's counting.
     */
    public Optional<Instant> firstResponseDeadline(String grade, String source, Instant assignedAt) {
        GradeCadence cadence = cadenceFor(grade).orElse(null);
        Counting counting = cadence == null ? Counting.CALENDAR : cadence.counting();
        Instant byGrade = cadence == null || cadence.firstResponse() == null ? null
                : calendar.plus(assignedAt, cadence.firstResponse(), counting);
        Instant bySource = sources.stream().filter(s -> s.source().equals(source)).findFirst()
                .map(s -> calendar.plus(assignedAt, s.firstResponse(),
                        counting == Counting.BUSINESS_DAYS && !isWholeDays(s.firstResponse()) ? Counting.BUSINESS_HOURS : counting))
                .orElse(null);
        if (byGrade == null) {
            return Optional.ofNullable(bySource);
        }
        return Optional.of(bySource != null && bySource.isBefore(byGrade) ? bySource : byGrade);
    }

    private static boolean isWholeDays(Duration d) {
        return d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()));
    }

    /**
     * The cadence expansion: a first-response task due at the deadline, then the first occurrence of every recurring
     * touch one interval after {@code from}. Later occurrences are scheduled when one is completed, so a cadence
     * never floods an owner's list.
     *
     * @param assignedAt the SLA clock's start
     * @param from       where recurring touches count from (the assignment, or the regrade)
     * @param firstResponseOpen false once the lead has had its first human touch
     */
    public CadencePlan plan(String grade, String source, Instant assignedAt, Instant from, boolean firstResponseOpen) {
        Optional<GradeCadence> cadence = cadenceFor(grade);
        boolean fallback = cadence.isPresent() && !cadence.get().grade().equals(grade);
        Instant deadline = firstResponseDeadline(grade, source, assignedAt).orElse(null);
        List<PlannedTask> tasks = new ArrayList<>();
        if (deadline != null && firstResponseOpen) {
            tasks.add(new PlannedTask(PlannedTask.FIRST_RESPONSE, FollowUpMethod.PHONE, "首次响应:沟通方案细节、价格政策、交付周期",
                    deadline, null));
        }
        cadence.ifPresent(c -> c.touches().forEach(touch -> tasks.add(
                new PlannedTask(touch.kind(), touch.method(), touch.label(), calendar.plus(from, touch.every(), c.counting()),
                        touch.every()))));
        return new CadencePlan(grade, fallback, deadline, tasks);
    }

    /** The next occurrence of a recurring touch after one was done: one interval after it was done. */
    public Optional<PlannedTask> nextOccurrence(String grade, String kind, Instant doneAt) {
        return cadenceFor(grade).flatMap(c -> c.touches().stream().filter(t -> t.kind().equals(kind)).findFirst()
                .map(t -> new PlannedTask(t.kind(), t.method(), t.label(), calendar.plus(doneAt, t.every(), c.counting()),
                        t.every())));
    }
}
