package io.leadflow.followup.repository;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the template's Table 2. */
@Entity
@Table(name = "follow_up")
public class FollowUpEntity {
    @Id
    public String id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "owner_name")
    public String ownerName;
    @Column(name = "logged_by")
    public String loggedBy;
    @Column(name = "contacted_at")
    public Instant contactedAt;
    public String method;
    public String status;
    @Column(name = "human_touch")
    public boolean humanTouch;
    public String content;
    public String feedback;
    @Column(name = "next_action")
    public String nextAction;
    @Column(name = "next_action_due")
    public LocalDate nextActionDue;
    @Column(name = "task_id")
    public String taskId;
    @Column(name = "completed_task_id")
    public String completedTaskId;
    @Column(name = "import_id")
    public String importId;
    @Column(name = "created_at")
    public Instant createdAt;
}
