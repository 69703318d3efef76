package io.leadflow.intake.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One submission that reached a lead: the original capture, or a duplicate merged into it. */
@Entity
@Table(name = "lead_touch")
public class TouchEntity {

    @Id
    public String id;
    @Column(name = "lead_id")
    public String leadId;
    public String kind;
    @Column(name = "matched_on")
    public String matchedOn;
    public String channel;
    public String source;
    @Column(name = "source_detail")
    public String sourceDetail;
    @Column(name = "utm_source")
    public String utmSource;
    @Column(name = "utm_medium")
    public String utmMedium;
    @Column(name = "utm_campaign")
    public String utmCampaign;
    @Column(name = "utm_term")
    public String utmTerm;
    @Column(name = "utm_content")
    public String utmContent;
    /** The lead this touch came in on, when staff merged that lead into this touch's lead; null otherwise. */
    @Column(name = "origin_lead_id")
    public String originLeadId;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    /** JSON of the submission; erased with the lead. */
    public String submitted;
}
