package io.leadflow.followup.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One snooze of a task: who put it off, when, from when to when, and why. */
@Entity
@Table(name = "task_snooze")
public class TaskSnoozeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "task_id")
    public String taskId;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "snoozed_by")
    public String snoozedBy;
    @Column(name = "snoozed_at")
    public Instant snoozedAt;
    @Column(name = "due_before")
    public Instant dueBefore;
    @Column(name = "due_after")
    public Instant dueAfter;
    public String reason;
}
