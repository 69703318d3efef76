-- Cadence policy: every change is a new version; tasks remember the version that scheduled them.
create table cadence_policy (
    version     int         primary key,
    document    text        not null,
    changed_by  text,
    changed_at  timestamptz not null default now()
);

-- What follow-up knows about a lead, assembled from intake's and routing's events in whatever order they arrive.
create table lead_state (
    lead_id              text        primary key,
    customer_name        text,
    contact_name         text,
    source               text,
    registered_at        timestamptz,
    grade                text,
    grade_at             timestamptz,
    owner_id             text,
    owner_name           text,
    assigned_at          timestamptz,
    stage                text        not null default 'NEW',
    stage_changed_at     timestamptz,
    closed_at            timestamptz,
    won_on               date,
    won_amount           numeric(18, 2),
    won_currency         text,
    win_factors          text,
    lost_on              date,
    lost_reason          text,
    lost_note            text,
    erased_at            timestamptz,
    sla_deadline         timestamptz,
    sla_grade            text,
    sla_policy_version   int,
    first_response_at    timestamptz,
    first_response_by    text,
    sla_breached_at      timestamptz,
    updated_at           timestamptz not null default now()
);
-- The breach scan only ever looks at running clocks; this partial index keeps that lookup small.
create index lead_state_sla_running on lead_state (sla_deadline)
    where sla_deadline is not null and first_response_at is null and sla_breached_at is null and closed_at is null
      and erased_at is null;
create index lead_state_owner on lead_state (owner_id);

create table follow_up_task (
    id                 text        primary key,
    lead_id            text        not null references lead_state (lead_id),
    owner_id           text,
    owner_name         text,
    kind               text        not null,
    method             text        not null,
    title              text,
    grade              text,
    every              text,
    due_at             timestamptz not null,
    original_due_at    timestamptz not null,
    status             text        not null,
    policy_version     int,
    from_follow_up_id  text,
    snooze_count       int         not null default 0,
    snooze_reason      text,
    created_at         timestamptz not null,
    closed_at          timestamptz,
    closed_by          text,
    close_reason       text
);
create index follow_up_task_owner_open on follow_up_task (owner_id, due_at) where status = 'OPEN';
create index follow_up_task_lead on follow_up_task (lead_id, status);
create index follow_up_task_open_due on follow_up_task (due_at) where status = 'OPEN';

-- Table 2: the follow-up log.
create table follow_up (
    id                text        primary key,
    lead_id           text        not null references lead_state (lead_id),
    owner_id          text,
    owner_name        text,
    logged_by         text        not null,
    contacted_at      timestamptz not null,
    method            text        not null,
    status            text        not null,
    human_touch       boolean     not null,
    content           text,
    feedback          text,
    next_action       text,
    next_action_due   date,
    task_id           text,
    completed_task_id text,
    import_id         text,
    created_at        timestamptz not null
);
create index follow_up_lead on follow_up (lead_id, contacted_at desc);

-- One row per lead whose first response was late: the primary key is what makes the breach event exactly-once.
create table sla_breach (
    lead_id      text        primary key references lead_state (lead_id),
    grade        text,
    source       text,
    owner_id     text,
    assigned_at  timestamptz not null,
    deadline     timestamptz not null,
    detected_at  timestamptz not null
);
create index sla_breach_detected on sla_breach (detected_at desc);
create index sla_breach_owner on sla_breach (owner_id, detected_at desc);

create table stage_change (
    id          bigserial   primary key,
    lead_id     text        not null references lead_state (lead_id),
    from_stage  text        not null,
    to_stage    text        not null,
    changed_by  text,
    reason      text,
    reopened    boolean     not null default false,
    changed_at  timestamptz not null
);
create index stage_change_lead on stage_change (lead_id, changed_at);

create table regrade_request (
    id              text        primary key,
    lead_id         text        not null references lead_state (lead_id),
    current_grade   text,
    requested_grade text        not null,
    reason          text        not null,
    requested_by    text        not null,
    requested_at    timestamptz not null
);
create index regrade_request_lead on regrade_request (lead_id, requested_at);
