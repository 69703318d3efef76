package io.leadflow.intake.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "web_form")
public class WebFormEntity {

    @Id
    public String key;
    public String name;
    @Column(name = "source_detail")
    public String sourceDetail;
    /** JSON array. */
    @Column(name = "allowed_origins")
    public String allowedOrigins;
    @Column(name = "redirect_url")
    public String redirectUrl;
    /** JSON object. */
    @Column(name = "field_mapping")
    public String fieldMapping;
    @Column(name = "honeypot_field")
    public String honeypotField;
    @Column(name = "require_origin")
    public boolean requireOrigin;
    @Column(name = "consent_text")
    public String consentText;
    @Column(name = "consent_field")
    public String consentField;
    @Column(name = "consent_required")
    public boolean consentRequired;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
}
