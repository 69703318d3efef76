package io.leadflow.intake.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.ImportColumns;
import io.leadflow.intake.domain.InputError;
import io.leadflow.intake.domain.LeadSource;
import io.leadflow.intake.domain.RawLead;
import io.leadflow.intake.domain.WebOrigin;
import io.leadflow.intake.repository.WebFormEntity;
import io.leadflow.intake.repository.WebFormRepository;

/** Website forms: their settings, and the public submissions posted to them. */
@ApplicationScoped
public class FormService {

    /**
     * @param requireOrigin  refuse a post that names no origin (neither {@code Origin} nor {@code Referer}); true
     *                       unless the form is posted by a server rather than a browser
     * @param consentText    the consent wording shown next to the form's checkbox; a submission records it with its
     *                       time, granted or not
     * @param consentField   the checkbox's field name ({@code consent} by default)
     * @param consentRequired refuse a submission whose checkbox is not ticked
     */
    public record Form(String key, String name, String sourceDetail, List<String> allowedOrigins, String redirectUrl,
                       Map<String, String> fieldMapping, String honeypotField, Boolean requireOrigin,
                       String consentText, String consentField, Boolean consentRequired, Instant createdAt,
                       String createdBy) {
    }

    /** What a public submission became; {@code replayed} when an Idempotency-Key had been seen before. */
    public record Submission(String submissionId, String outcome, boolean replayed) {
    }

    /** Common names HTML forms use, so a plain form works without a field mapping. */
    private static final Map<String, String> COMMON_NAMES = Map.ofEntries(
            Map.entry("company", "customerName"), Map.entry("name", "contactName"), Map.entry("tel", "phone"),
            Map.entry("mobile", "phone"), Map.entry("message", "needDescription"), Map.entry("need", "needDescription"),
            Map.entry("utm_source", "utmSource"), Map.entry("utm_medium", "utmMedium"),
            Map.entry("utm_campaign", "utmCampaign"), Map.entry("utm_term", "utmTerm"),
            Map.entry("utm_content", "utmContent"), Map.entry("客户名称", "customerName"), Map.entry("联系人", "contactName"),
            Map.entry("联系方式", "contact"), Map.entry("需求描述", "needDescription"), Map.entry("预算范围", "budget"),
            Map.entry("决策周期", "decisionCycle"));

    private final Clock clock;
    private final BusinessTime businessTime;
    private final CaptureService capture;
    private final DataSource dataSource;
    private final WebFormRepository forms;
    private final Map<String, Form> recent = new java.util.concurrent.ConcurrentHashMap<>();

    public FormService(Clock clock, BusinessTime businessTime, CaptureService capture, DataSource dataSource,
                       WebFormRepository forms) {
        this.clock = clock;
        this.businessTime = businessTime;
        this.capture = capture;
        this.dataSource = dataSource;
        this.forms = forms;
    }

    @Transactional
    public Form create(Form request, String actor) {
        List<Violation> errors = new ArrayList<>();
        String key = request.key() == null ? "f-" + UUID.randomUUID().toString().substring(0, 12) : request.key().strip();
        if (!key.matches("[A-Za-z0-9_-]{3,64}")) {
            errors.add(new Violation("key", "use 3-64 letters, digits, '-' or '_'"));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(new Violation("name", "is required (at most 200 characters)"));
        }
        List<String> origins = new ArrayList<>();
        for (String origin : request.allowedOrigins() == null ? List.<String>of() : request.allowedOrigins()) {
            String o = origin == null ? "" : origin.strip().toLowerCase(Locale.ROOT);
            if (!o.matches("https?://[a-z0-9.-]+(:\\d{1,5})?")) {
                errors.add(new Violation("allowedOrigins", "'" + origin
                        + "' is not an origin such as https://www.example.cn (scheme and host, no path)"));
            } else {
                origins.add(o);
            }
        }
        if (origins.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("allowedOrigins"))) {
            errors.add(new Violation("allowedOrigins", "name at least one site the form is on"));
        }
        String redirect = request.redirectUrl() == null || request.redirectUrl().isBlank() ? null : request.redirectUrl().strip();
        if (redirect != null && !validUrl(redirect)) {
            errors.add(new Violation("redirectUrl", "must be an absolute http(s) URL"));
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        if (request.fieldMapping() != null) {
            request.fieldMapping().forEach((formField, leadField) -> {
                if (!RawLead.FIELDS.contains(leadField)) {
                    errors.add(new Violation("fieldMapping." + formField, "'" + leadField
                            + "' is not a lead field; use one of " + RawLead.FIELDS));
                } else {
                    mapping.put(formField, leadField);
                }
            });
        }
        String honeypot = request.honeypotField() == null || request.honeypotField().isBlank() ? "_gotcha"
                : request.honeypotField().strip();
        String consentText = request.consentText() == null || request.consentText().isBlank() ? null
                : request.consentText().strip();
        if (consentText != null && consentText.length() > 1000) {
            errors.add(new Violation("consentText", "at most 1000 characters"));
        }
        boolean consentRequired = Boolean.TRUE.equals(request.consentRequired());
        if (consentRequired && consentText == null) {
            errors.add(new Violation("consentText", "is required when consentRequired is true: the words "
                    + "the person agrees to"));
        }
        String consentField = request.consentField() == null || request.consentField().isBlank() ? "consent"
                : request.consentField().strip();
        if (consentField.length() > 100 || honeypot.length() > 100) {
            errors.add(new Violation(consentField.length() > 100 ? "consentField" : "honeypotField",
                    "at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.stated(errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                    : errors.size() + " fields are invalid; see errors.", errors);
        }
        if (forms.findById(key) != null) {
            throw new RuleBroken("A form with key '" + key + "' already exists.");
        }
        WebFormEntity e = new WebFormEntity();
        e.key = key;
        e.name = request.name().strip();
        e.sourceDetail = request.sourceDetail() == null ? e.name : request.sourceDetail().strip();
        e.allowedOrigins = LeadMapper.json(origins);
        e.redirectUrl = redirect;
        e.fieldMapping = LeadMapper.json(mapping);
        e.honeypotField = honeypot;
        e.requireOrigin = request.requireOrigin() == null || request.requireOrigin();
        e.consentText = consentText;
        e.consentField = consentField;
        e.consentRequired = consentRequired;
        e.createdAt = clock.instant();
        e.createdBy = actor;
        forms.persist(e);
        return of(e);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Form get(String key) {
        Form form = Optional.ofNullable(key).map(forms::findById).map(FormService::of)
                .orElseThrow(() -> new NotFound("Form", key));
        if (recent.size() > 10_000) {
            recent.clear();
        }
        recent.put(form.key(), form);
        return form;
    }

    /**
     * A form read recently, without going to the database: what a refusal under a flood uses to add its CORS
     * headers (so the page's script can read the 429) at no cost. Forms are never changed once created.
     */
    public Optional<Form> recentlyRead(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(recent.get(key));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Form> list() {
        return forms.inCreationOrder().stream().map(FormService::of).toList();
    }

    /** @param origin as {@link WebOrigin#of} read it from the request */
    public static boolean originAllowed(Form form, String origin) {
        return WebOrigin.allowed(form.allowedOrigins(), origin);
    }

    /**
     * Captures a public submission as a WEBSITE_FORM lead. With an Idempotency-Key the first answer is stored in
     * the same transaction; a repeat (even a concurrent one, which waits on the key's row) gets that answer again.
     * Every refusal is a problem that names fields but never quotes what was posted (see {@link #publicProblem}).
     *
     * @param origin the site it came from (recorded with a consent)
     */
    @Transactional
    public Submission submit(Form form, Map<String, String> posted, String idempotencyKey, String origin) {
        if (idempotencyKey != null) {
            Optional<Submission> earlier = claim(form.key(), idempotencyKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String honeypot = posted.get(form.honeypotField());
        if (honeypot != null && !honeypot.isBlank()) {
            // Says nothing about which field gave it away.
            throw new InvalidInput("honeypot", "The submission looks automated and was not kept.", List.of());
        }
        String consentField = form.consentField() == null ? "consent" : form.consentField();
        Boolean ticked = RawLead.fromFields(Map.of("consent", posted.getOrDefault(consentField, ""))).consentGranted();
        boolean granted = Boolean.TRUE.equals(ticked);
        if (Boolean.TRUE.equals(form.consentRequired()) && !granted) {
            throw publicProblem(List.of(new InputError(consentField, "input.consent.unticked")), List.of());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        posted.forEach((name, value) -> {
            String field = form.fieldMapping().getOrDefault(name,
                    RawLead.FIELDS.contains(name) ? name : COMMON_NAMES.get(name));
            if (name.equals(consentField) || "consent".equals(field) || "consentText".equals(field)) {
                return; // the consent is the box and the form's own wording, never words a page posts
            }
            if (field != null && value != null && !value.isBlank()) {
                fields.merge(field, value, (a, b) -> a + " " + b);
            }
        });
        // With a wording on the form the answer is recorded either way; without one, only a ticked box is.
        Boolean consent = form.consentText() != null ? Boolean.valueOf(granted) : ticked;
        RawLead raw = RawLead.fromFields(fields).withSource(LeadSource.WEBSITE_FORM.name(), form.sourceDetail());
        raw = new RawLead(null, raw.customerName(), raw.contactName(), raw.phone(), raw.email(), raw.wechat(),
                raw.source(), raw.sourceDetail(), raw.utmSource(), raw.utmMedium(), raw.utmCampaign(), raw.utmTerm(),
                raw.utmContent(), raw.needDescription(), raw.industry(), raw.region(), raw.companySize(),
                raw.customerType(), raw.budgetText(), null, null, null, raw.decisionCycle(), raw.declaredIntent(), null,
                null, consent, consent == null ? null : form.consentText(), null); // no owner, id or date from the public
        DraftParser.Result parsed = DraftParser.parse(raw, clock.instant(), businessTime.zone());
        if (!parsed.ok()) {
            throw publicProblem(parsed.errors(), posted.values());
        }
        CaptureService.Result result = capture.capture(parsed.draft(), "FORM", fields,
                "form:" + form.key() + (origin == null ? "" : " " + origin));
        Submission submission = new Submission(result.touchId(), result.outcome().name(), false);
        if (idempotencyKey != null) {
            remember(form.key(), idempotencyKey, result);
        }
        return submission;
    }

    /** A 400 for the public, with the same field errors in Chinese for a page shown to a visitor. */
    public static final class PublicRefusal extends InvalidInput {
        private final transient List<Violation> errorsZh;

        PublicRefusal(String detail, List<Violation> errors, List<Violation> errorsZh) {
            super("validation", detail, errors);
            this.errorsZh = List.copyOf(errorsZh);
        }

        /** Each field by the template's Chinese name, with what to fix in Chinese. */
        public List<Violation> errorsZh() {
            return errorsZh;
        }
    }

    /**
     * A 400 for the public: the fields and what is expected, never the values. A message that quotes what was sent
     * (staff see {@code "'很多' is not a company size"}) has the quote and any posted value replaced, so a phone or a
     * name typed into the wrong box is not sent back (to a page, a proxy log or a bot probing the endpoint).
     */
    public static PublicRefusal publicProblem(List<InputError> errors, java.util.Collection<String> posted) {
        List<Violation> fields = errors.stream()
                .map(e -> new Violation(e.field(), redact(Wording.text(Language.EN, e.said()), posted))).toList();
        List<Violation> zh = errors.stream()
                .map(e -> new Violation(ImportColumns.label(e.field()), redact(Wording.text(Language.ZH, e.said()),
                        posted)))
                .toList();
        String detail = fields.size() == 1
                ? "Field '" + fields.get(0).field() + "' " + fields.get(0).message() + "."
                : fields.size() + " fields are invalid; see errors.";
        return new PublicRefusal(detail, fields, zh);
    }

    static String redact(String message, java.util.Collection<String> posted) {
        String m = message.replaceAll("'[^']*'", "the value sent").replaceAll("“[^”]*”", "所填内容");
        for (String value : posted) {
            String v = value == null ? "" : value.strip();
            // Chinese names are two or three characters; short Latin values ("on", "1") would only mangle words
            if (v.length() >= 4 || (v.length() >= 2 && !v.chars().allMatch(ch -> ch < 128))) {
                m = m.replace(v, "the value sent");
            }
        }
        return m;
    }

    private Optional<Submission> claim(String formKey, String idempotencyKey) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into form_submission (form_key, idempotency_key, created_at) values (?, ?, ?)
                    on conflict do nothing""")) {
                insert.setString(1, formKey);
                insert.setString(2, idempotencyKey);
                insert.setObject(3, java.sql.Timestamp.from(clock.instant()));
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "select touch_id, outcome from form_submission where form_key = ? and idempotency_key = ?")) {
                select.setString(1, formKey);
                select.setString(2, idempotencyKey);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && rs.getString(2) != null) {
                        return Optional.of(new Submission(rs.getString(1), rs.getString(2), true));
                    }
                }
            }
            throw new RuleBroken("A submission with this Idempotency-Key is still being processed; retry.");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the Idempotency-Key", e);
        }
    }

    private void remember(String formKey, String idempotencyKey, CaptureService.Result result) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update form_submission set lead_id = ?, outcome = ?, touch_id = ? where form_key = ? and idempotency_key = ?")) {
            update.setString(1, result.leadId());
            update.setString(2, result.outcome().name());
            update.setString(3, result.touchId());
            update.setString(4, formKey);
            update.setString(5, idempotencyKey);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the Idempotency-Key", e);
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Form of(WebFormEntity e) {
        try {
            List<String> origins = EventJson.mapper().readValue(e.allowedOrigins, new TypeReference<List<String>>() {
            });
            Map<String, String> mapping = EventJson.mapper().readValue(e.fieldMapping,
                    new TypeReference<Map<String, String>>() {
                    });
            return new Form(e.key, e.name, e.sourceDetail, origins, e.redirectUrl, mapping, e.honeypotField,
                    e.requireOrigin, e.consentText, e.consentField, e.consentRequired, e.createdAt, e.createdBy);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Form " + e.key + " is not readable", ex);
        }
    }
}
