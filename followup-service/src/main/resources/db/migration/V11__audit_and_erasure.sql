-- Issue #7: who did what and when, per policy and per lead; and erasure that leaves no typed text behind.

-- Why a cadence policy version was published (shown in GET /api/v1/cadence-policy/versions).
alter table cadence_policy add column change_reason text;

-- Every snooze of a task: who put it off, when, from when to when, and why (the reason is erased with the lead).
create table task_snooze (
    id          bigserial   primary key,
    task_id     text        not null references follow_up_task (id),
    lead_id     text        not null references lead_state (lead_id),
    snoozed_by  text        not null,
    snoozed_at  timestamptz not null,
    due_before  timestamptz not null,
    due_after   timestamptz not null,
    reason      text
);
create index task_snooze_lead on task_snooze (lead_id, snoozed_at);

-- The last snooze on the task itself, so a task list says who put it off without a join.
alter table follow_up_task add column snoozed_by text;
alter table follow_up_task add column snoozed_at timestamptz;

-- Who asked for the erasure (LeadErased.requestedBy).
alter table lead_state add column erased_by text;

-- A regrade request's reason is typed by a person and may quote the customer: erasure removes it.
alter table regrade_request alter column reason drop not null;
