package io.leadflow.routing.repository;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "rep")
public class RepEntity {

    @Id
    @Column(name = "rep_id")
    public String repId;
    @Column(name = "name")
    public String name;
    @Column(name = "seniority")
    public String seniority;
    /** JSON array of industry words. */
    @Column(name = "industries")
    public String industries;
    /** JSON array of region words. */
    @Column(name = "regions")
    public String regions;
    @Column(name = "capacity")
    public int capacity;
    @Column(name = "availability")
    public String availability;
    @Column(name = "away_until")
    public LocalDate awayUntil;
    @Column(name = "email")
    public String email;
    @Column(name = "active")
    public boolean active;
    @Column(name = "last_turn")
    public long lastTurn;
    /**
     * Kept by the database (V12's trigger on assignment), never written from here: as fresh as the row's last read,
     * so trusted only right after {@link RepRepository#lock}.
     */
    @Column(name = "open_leads", insertable = false, updatable = false)
    public int openLeads;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deactivated_at")
    public Instant deactivatedAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "deactivated_by")
    public String deactivatedBy;
}
