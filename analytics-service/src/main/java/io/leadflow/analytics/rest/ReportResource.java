package io.leadflow.analytics.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.InvalidQueryException;
import io.leadflow.analytics.domain.Period;
import io.leadflow.analytics.service.ReportService;
import io.leadflow.analytics.service.ReportViews;
import io.leadflow.analytics.service.Views;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Language;

@Path("/api/v1/analytics")
// Read-only and free of personal data: analysts, sales managers, marketing and admins (sales use their own leads).
@RolesAllowed({Roles.ANALYST, Roles.SALES_MANAGER, Roles.MARKETING, Roles.ADMIN})
@Tag(name = "Reports",
        description = "Funnel, response times, cohorts, insights with the action each suggests, per-lead facts and "
                + "the monthly review")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class ReportResource {

    /** A CSV export may be larger than a JSON page, but still bounded per request. */
    static final int MAX_CSV_ROWS = 10_000;

    private final ReportService reports;
    private final BusinessTime businessTime;

    public ReportResource(ReportService reports, BusinessTime businessTime) {
        this.businessTime = businessTime;
        this.reports = reports;
    }

    @GET
    @Path("funnel")
    @Operation(operationId = "getFunnel", summary = "Stage reach and drop-off, and time spent in each stage")
    @APIResponse(responseCode = "200", description = "The report as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportViews.Funnel.class)))
    public Response funnel(@BeanParam TableParams params) {
        ReportViews.Funnel f = reports.funnel(params.filter(), params.language());
        if (!params.csv()) {
            return Response.ok(f, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ReportViews.FunnelStepView s : f.steps()) {
            rows.add(Arrays.asList(s.stage(), s.label(), s.reached(), s.ofAllLeads().value(),
                    s.fromPreviousStep().value(), s.droppedHere(), s.medianDaysInStage(), s.averageDaysInStage()));
        }
        return Csv.response("funnel", List.of("stage", "stage_label", "reached", "share_of_leads",
                "from_previous_step", "dropped_here", "median_days_in_stage", "average_days_in_stage"), rows);
    }

    @GET
    @Path("response-times")
    @Operation(operationId = "getResponseTimes",
            summary = "First-response time (median, p90) and first-response SLA kept, per grade, source or owner")
    @APIResponse(responseCode = "200", description = "The report as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportViews.ResponseTimes.class)))
    public Response responseTimes(@QueryParam("groupBy") String groupBy, @BeanParam TableParams params) {
        List<Dimension> dims = Dimension.parseGroupBy(groupBy == null || groupBy.isBlank() ? "grade" : groupBy);
        if (dims.size() != 1) {
            throw new InvalidQueryException("groupBy", "response times group by one of grade, source or owner");
        }
        ReportViews.ResponseTimes r = reports.responseTimes(dims.get(0), params.filter(), params.language());
        if (!params.csv()) {
            return Response.ok(r, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ReportViews.ResponseRow row : r.rows()) {
            rows.add(Arrays.asList(row.group().get(r.groupBy()), row.labels().get(r.groupBy()), row.leads(),
                    row.assigned(), row.responded(), row.firstResponseMedianHours(), row.firstResponseP90Hours(),
                    row.firstResponseAverageHours(), row.slaBreached(), row.slaKept().value()));
        }
        return Csv.response("response-times", List.of(r.groupBy(), r.groupBy() + "_label", "leads", "assigned",
                "responded", "first_response_median_hours", "first_response_p90_hours",
                "first_response_average_hours", "sla_breached", "sla_kept_rate"), rows);
    }

    @GET
    @Path("cohorts")
    @Operation(operationId = "getCohorts",
            summary = "Conversion by registration month as the cohort ages (cumulative won / leads per month)")
    @APIResponse(responseCode = "200", description = "The report as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportViews.Cohorts.class)))
    public Response cohorts(@QueryParam("months") Integer months, @BeanParam TableParams params) {
        ReportViews.Cohorts c = reports.cohorts(params.filter(), months == null ? 12 : months);
        if (!params.csv()) {
            return Response.ok(c, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ReportViews.CohortRow row : c.rows()) {
            for (int age = 0; age < row.wonByMonth().size(); age++) {
                rows.add(Arrays.asList(row.cohort(), row.leads(), age, row.wonByMonth().get(age),
                        row.cumulativeRate().get(age).value()));
            }
        }
        return Csv.response("cohorts", List.of("cohort", "leads", "age_months", "won_in_month",
                "cumulative_conversion_rate"), rows);
    }

    @GET
    @Path("insights")
    @Operation(operationId = "getInsights",
            summary = "The template's step 4.2 rules applied to the period, each with its numbers and action",
            description = "With both from and to given, each finding is compared with the period just before: "
                    + "NEW, BETTER, WORSE, UNCHANGED, or RESOLVED.")
    @APIResponse(responseCode = "200", description = "The report as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportViews.Insights.class)))
    public Response insights(@BeanParam TableParams params) {
        ReportViews.Insights i = reports.insights(params.filter(), params.language());
        if (!params.csv()) {
            return Response.ok(i, MediaType.APPLICATION_JSON).build();
        }
        return Csv.response("insights", FINDING_COLUMNS, findingRows(i.findings()));
    }

    static final List<String> FINDING_COLUMNS = List.of("rule", "subject", "title", "detail", "action", "metric",
            "trend", "previous_metric", "numbers");

    static List<List<Object>> findingRows(List<ReportViews.FindingView> findings) {
        List<List<Object>> rows = new ArrayList<>();
        for (ReportViews.FindingView f : findings) {
            rows.add(Arrays.asList(f.rule(), f.subject(), f.title(), f.detail(), f.action(), f.metric(), f.trend(),
                    f.previousMetric(), EventJson.mapper().valueToTree(f.numbers()).toString()));
        }
        return rows;
    }

    @GET
    @Path("leads")
    @Operation(operationId = "listLeadFacts",
            summary = "A page of per-lead facts (ids and dimensions only, no personal data)",
            description = "JSON pages are capped at " + Page.MAX_SIZE + " leads; CSV pages at " + MAX_CSV_ROWS + ".")
    @APIResponse(responseCode = "200", description = "A page of facts as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LeadFactsPage.class)))
    public Response leads(@QueryParam("outcome") String outcome, @QueryParam("page") Integer page,
                          @QueryParam("size") Integer size, @BeanParam TableParams params) {
        String o = null;
        if (outcome != null && !outcome.isBlank()) {
            o = outcome.trim().toUpperCase(Locale.ROOT);
            if (!List.of("WON", "LOST", "OPEN").contains(o)) {
                throw new InvalidQueryException("outcome", "'" + outcome + "' is not an outcome; use WON, LOST or OPEN");
            }
        }
        boolean csv = params.csv();
        Page.PageRequest request;
        if (csv && size != null && size > Page.MAX_SIZE) {
            if (size > MAX_CSV_ROWS) {
                throw new InvalidQueryException("size", "a CSV page holds at most " + MAX_CSV_ROWS + " leads");
            }
            Page.request(page, 1);
            request = new Page.PageRequest(page == null ? 0 : page, size);
        } else {
            request = Page.request(page, size);
        }
        Page<ReportViews.LeadRow> leads = reports.leads(params.filter(), o, request, params.language());
        if (!csv) {
            return Response.ok(leads, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (ReportViews.LeadRow l : leads.items()) {
            rows.add(Arrays.asList(l.leadId(), l.source(), l.sourceDetail(), l.utmSource(), l.utmMedium(),
                    l.utmCampaign(), l.utmTerm(), l.utmContent(), l.channel(), l.industry(), l.region(),
                    l.companySize(), l.customerType(), l.registeredAt(), l.registeredOn(), l.screening(),
                    l.rejectionReasons(), l.grade(), l.gradeScore(), l.gradeChanges(), l.ownerId(), l.assignedAt(),
                    l.reassignments(), l.firstResponseAt(), l.firstResponseHours(), l.touches(), l.stage(),
                    l.stageAt(), l.outcome(), l.wonOn(), l.lostOn(), l.amount() == null ? null : l.amount().amount(),
                    l.amount() == null ? null : l.amount().currency(), l.winFactors(), l.lossReason(), l.cycleDays(),
                    l.slaBreaches(), l.mergedTouches(), l.erased(), l.lastEventAt(), l.labels().source(),
                    l.labels().channel(), l.labels().industry(), l.labels().region(), l.labels().companySize(),
                    l.labels().customerType(), l.labels().screening(), l.labels().rejectionReasons(),
                    l.labels().grade(), l.labels().stage(), l.labels().outcome(), l.labels().lossReason()));
        }
        return Response.fromResponse(Csv.response("leads", LEAD_COLUMNS, rows))
                .header("X-Total-Count", leads.total()).build();
    }

    @GET
    @Path("leads/{leadId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getLeadFacts",
            summary = "One lead's facts with its grade history, stage moves and SLA breaches")
    public ReportViews.LeadDetail lead(@PathParam("leadId") String leadId, @QueryParam("lang") String lang,
                                       @HeaderParam("Accept-Language") String acceptLanguage) {
        if (leadId.length() > 64) {
            throw new InvalidQueryException("leadId", "a lead id is at most 64 characters");
        }
        return reports.lead(leadId, TableParams.language(lang, acceptLanguage));
    }

    static final List<String> LEAD_COLUMNS = List.of("lead_id", "source", "source_detail", "utm_source", "utm_medium",
            "utm_campaign", "utm_term", "utm_content", "channel", "industry", "region", "company_size",
            "customer_type", "registered_at", "registered_on", "screening", "rejection_reasons", "grade",
            "grade_score", "grade_changes", "owner_id", "assigned_at", "reassignments", "first_response_at",
            "first_response_hours", "touches", "stage", "stage_at", "outcome", "won_on", "lost_on", "amount",
            "currency", "win_factors", "loss_reason", "cycle_days", "sla_breaches", "merged_touches", "erased",
            "last_event_at",
            // The reader's words come after every code column, so a BI tool that reads the columns by position
            // still finds the ones it read before.
            "source_label", "channel_label", "industry_label", "region_label", "company_size_label",
            "customer_type_label", "screening_label", "rejection_reasons_label", "grade_label", "stage_label",
            "outcome_label", "loss_reason_label");

    @GET
    @Path("reviews/{month}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_HTML})
    @Operation(operationId = "getMonthlyReview",
            summary = "The monthly sales review: everything above for the month, with the change from the "
            + "month before", description = "JSON, CSV (Accept: text/csv or ?format=csv) or a printable HTML page "
            + "with charts (Accept: text/html or ?format=html); zh-CN or English by Accept-Language or ?lang=.")
    @APIResponse(responseCode = "200", description = "The review as JSON, "
            + "as CSV (Accept: text/csv or ?format=csv) or as a printable page (Accept: text/html or ?format=html)",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReportViews.Review.class)), @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING))})
    public Response review(@PathParam("month") String month, @BeanParam TableParams params) {
        var ym = Period.parseMonth("month", month);
        if (params.from != null || params.to != null) {
            throw new InvalidQueryException("from", "a review covers its month; leave out from and to");
        }
        boolean html = "html".equalsIgnoreCase(params.format == null ? "" : params.format.trim())
                || params.format == null && params.accept != null && params.accept.contains("text/html");
        String format = params.format;
        if (html) {
            params.format = null;
        }
        Language language = params.language();
        ReportViews.Review review = reports.review(ym, params.filter(), language);
        if (html) {
            return Response.ok(ReviewPage.render(review, language, businessTime.zone()), MediaType.TEXT_HTML + "; charset=UTF-8").build();
        }
        params.format = format;
        if (!params.csv()) {
            return Response.ok(review, MediaType.APPLICATION_JSON).build();
        }
        return Csv.response("review-" + review.month(), ReviewCsv.COLUMNS, ReviewCsv.rows(review, language));
    }

    static String counted(List<Views.CountedView> values) {
        return ConversionResource.counted(values);
    }

    /** What {@code GET /leads} answers as JSON, named for the OpenAPI document: a page of lead facts. */
    @Schema(name = "LeadFactsPage")
    public record LeadFactsPage(List<ReportViews.LeadRow> items, int page, int size, long total) {
    }
}
