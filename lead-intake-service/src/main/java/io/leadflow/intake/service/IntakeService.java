package io.leadflow.intake.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.time.BusinessTime;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.RawLead;

/** Reads a submission from any channel and captures it; bad input is a 400 naming the fields, nothing is written. */
@ApplicationScoped
public class IntakeService {

    public record Captured(CaptureService.Result result, LeadView lead) {
    }

    private final Clock clock;
    private final BusinessTime businessTime;
    private final CaptureService capture;
    private final LeadRegister leads;

    public IntakeService(Clock clock, BusinessTime businessTime, CaptureService capture, LeadRegister leads) {
        this.clock = clock;
        this.businessTime = businessTime;
        this.capture = capture;
        this.leads = leads;
    }

    public Captured capture(RawLead raw, String channel, Object submitted, String consentSource) {
        DraftParser.Result parsed = DraftParser.parse(raw, clock.instant(), businessTime.zone());
        if (!parsed.ok()) {
            throw LeadService.invalid(parsed.errors());
        }
        CaptureService.Result result = capture.capture(parsed.draft(), channel, submitted, consentSource);
        // a new lead's view was made in its own transaction; reading it back cost a second transaction per capture
        return new Captured(result, result.created() != null ? result.created() : leads.get(result.leadId()));
    }
}
