package io.leadflow.analytics.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.service.ConversionService;
import io.leadflow.analytics.service.Views;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.security.Roles;
import io.leadflow.events.vocabulary.Language;

@Path("/api/v1/analytics")
// Read-only and free of personal data: analysts, sales managers, marketing and admins (sales use their own leads).
@RolesAllowed({Roles.ANALYST, Roles.SALES_MANAGER, Roles.MARKETING, Roles.ADMIN})
@Tag(name = "Conversion",
        description = "Conversion rates by source, grade, owner, region, industry or month, and the template's Table "
                + "3, in JSON or CSV")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class ConversionResource {

    private final ConversionService conversion;

    public ConversionResource(ConversionService conversion) {
        this.conversion = conversion;
    }

    @GET
    @Path("conversion")
    @Operation(operationId = "getConversion",
            summary = "Conversion by source, grade, owner, region, industry or month (one or two at once)",
            description = "Leads registered in [from, to] and what became of them: conversion rate = won / all "
                    + "leads (the template's definition) and won / qualified, with the counts beside each rate; "
                    + "average and median cycle in days from registration to won. JSON, or CSV with "
                    + "Accept: text/csv or ?format=csv.")
    @APIResponse(responseCode = "200", description = "The report as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Views.ConversionTable.class)))
    public Response conversion(@QueryParam("groupBy") String groupBy, @BeanParam TableParams params) {
        List<Dimension> dims = Dimension.parseGroupBy(groupBy);
        Views.ConversionTable table = conversion.conversion(dims, params.filter(), params.language());
        if (!params.csv()) {
            return Response.ok(table, MediaType.APPLICATION_JSON).build();
        }
        List<String> header = new ArrayList<>();
        for (String d : table.groupBy()) {
            header.add(d);
            header.add(d + "_label");
        }
        header.addAll(List.of("leads", "qualified", "rejected", "open", "won", "lost", "conversion_rate",
                "conversion_rate_percent", "won_per_qualified", "average_cycle_days", "median_cycle_days",
                "won_amount", "currency"));
        List<Views.ConversionRow> rows = table.groupBy().isEmpty() ? List.of(table.total()) : table.rows();
        List<List<Object>> lines = new ArrayList<>();
        for (Views.ConversionRow r : rows) {
            List<Object> line = new ArrayList<>();
            for (String d : table.groupBy()) {
                line.add(r.group().get(d));
                line.add(r.labels().get(d));
            }
            line.addAll(java.util.Arrays.asList(r.leads(), r.qualified(), r.rejected(), r.open(), r.won(), r.lost(),
                    r.conversionRate().value(), r.conversionRate().percent(), r.qualifiedConversionRate().value(),
                    r.averageCycleDays(), r.medianCycleDays(), r.wonAmount().amount(), r.wonAmount().currency()));
            lines.add(line);
        }
        return Csv.response("conversion", header, lines);
    }

    @GET
    @Path("sources")
    @Operation(operationId = "getSourceTable", summary = "The template's Table 3 (转化分析表) per lead source",
            description = "Leads, won, conversion rate, average cycle, the most frequent win factors and loss "
                    + "reasons with their counts (ties at the cut-off kept), and suggestions drawn from them.")
    @APIResponse(responseCode = "200", description = "The report as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Views.SourceTable.class),
            examples = @ExampleObject(name = "table3", ref = "table3")))
    public Response sources(@BeanParam TableParams params) {
        Language language = params.language();
        Views.SourceTable table = conversion.sources(params.filter(), language);
        if (!params.csv()) {
            return Response.ok(table, MediaType.APPLICATION_JSON).build();
        }
        List<String> header = List.of("source", "source_label", "leads", "won", "conversion_rate",
                "conversion_rate_percent", "average_cycle_days", "median_cycle_days", "main_win_factors",
                "main_loss_reasons", "suggestions", "qualified", "rejected", "lost", "main_rejection_reasons",
                "first_response_median_hours");
        List<List<Object>> lines = new ArrayList<>();
        for (Views.SourceRow r : table.rows()) {
            lines.add(java.util.Arrays.asList(r.source(), r.sourceLabel(), r.leads(), r.won(),
                    r.conversionRate().value(), r.conversionRate().percent(), r.averageCycleDays(),
                    r.medianCycleDays(), counted(r.winFactors()), counted(r.lossReasons()),
                    r.suggestions().stream().map(s -> s.text()).collect(Collectors.joining(language.pick(";", "; "))),
                    r.qualified(), r.rejected(), r.lost(), counted(r.rejectionReasons()),
                    r.firstResponseMedianHours()));
        }
        return Csv.response("sources", header, lines);
    }

    static String counted(List<Views.CountedView> values) {
        return values.stream().map(c -> c.label() + " (" + c.count() + ")").collect(Collectors.joining("; "));
    }
}
