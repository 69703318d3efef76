package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the read model knows about one lead, as one row. It holds ids and dimensions only: never a customer
 * or contact name, phone, email or WeChat, so erasing a lead's personal data needs nothing here.
 *
 * <p>Each group of facts carries the {@code occurredAt} of the event that set it, so that an older event read
 * late never overwrites a newer one.
 */
public class LeadFacts {

    public final String leadId;

    public Instant profileAt;
    public String channel;
    public String source;
    public String sourceDetail;
    public String utmSource;
    public String utmMedium;
    public String utmCampaign;
    public String utmTerm;
    public String utmContent;
    public String industry;
    public String region;
    public Integer companySize;
    public String customerType;
    public String declaredIntent;
    public Integer decisionCycleDays;
    public Instant registeredAt;
    /** The business day the lead counts in reports on: null while its registration is unknown, or once merged. */
    public LocalDate registeredOn;
    public LocalDate registeredMonth;

    public String screening;
    public Instant screeningAt;
    public List<String> rejectionReasons = new ArrayList<>();
    public int mergedTouches;

    public String grade;
    public Integer gradeScore;
    public Instant gradeAt;
    public int gradeChanges;
    public String ownerId;
    public Instant ownerAt;
    public Instant assignedAt;
    public int reassignments;

    public Instant firstResponseAt;
    public int touches;
    public String stage;
    public Instant stageAt;
    public int maxStageRank;
    public String outcome;
    public Instant outcomeAt;
    public LocalDate wonOn;
    public LocalDate lostOn;
    public BigDecimal amount;
    public String currency;
    public List<String> winFactors = new ArrayList<>();
    public String lossReason;
    public Integer cycleDays;
    public int slaBreaches;
    public Instant slaDeadline;
    public Instant erasedAt;
    /** The lead staff merged this one into: a duplicate, counted nowhere (its {@link #registeredOn} stays null). */
    public String mergedInto;
    public Instant lastEventAt;

    public LeadFacts(String leadId) {
        this.leadId = leadId;
    }

    public boolean isWon() {
        return "WON".equals(outcome);
    }

    public boolean isLost() {
        return "LOST".equals(outcome);
    }
}
