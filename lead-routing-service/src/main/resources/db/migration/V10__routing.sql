-- Grading and assignment policies: every PUT stores a new version; the highest version is in force.
create table grading_policy (
    version    int primary key,
    policy     text        not null,
    created_at timestamptz not null default now()
);

create table assignment_policy (
    version    int primary key,
    policy     text        not null,
    created_at timestamptz not null default now()
);

-- The sales roster. Reps are deactivated, never deleted, so assignment history keeps its owners.
create table rep (
    rep_id         text primary key,
    name           text        not null,
    seniority      text        not null check (seniority in ('SENIOR', 'JUNIOR', 'ASSISTANT', 'NURTURE')),
    industries     text        not null default '[]',
    regions        text        not null default '[]',
    capacity       int         not null check (capacity >= 0),
    availability   text        not null default 'AVAILABLE' check (availability in ('AVAILABLE', 'AWAY')),
    away_until     date,
    email          text,
    active         boolean     not null default true,
    -- round-robin turn: the rep who received a lead longest ago is served first
    last_turn      bigint      not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    deactivated_at timestamptz
);
-- 跟进人 on imports names a rep by name: names are unique among active reps.
create unique index rep_active_name on rep (lower(name)) where active;
create sequence rep_turn_seq;

-- The leads this service grades and assigns. Contact details are never stored here (data minimisation);
-- profile keeps what grading and routing read, and is stripped of the customer's words on LeadErased.
create table lead (
    lead_id                text primary key,
    status                 text        not null default 'OPEN' check (status in ('OPEN', 'WON', 'LOST', 'ERASED')),
    qualified              boolean     not null default false,
    profile                text,
    source                 text,
    industry               text,
    region                 text,
    grade                  text,
    score                  int,
    grade_origin           text check (grade_origin in ('POLICY', 'GIVEN', 'MANUAL')),
    grading_policy_version int,
    grade_reasons          text,
    graded_at              timestamptz,
    -- set while the lead waits for a rep (the unassigned queue), with why no rep fits
    queued_at              timestamptz,
    queue_reason           text,
    closed_at              timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null
);
create index lead_unassigned_queue on lead (queued_at, lead_id) where queued_at is not null;
create index lead_open_by_policy on lead (lead_id) where status = 'OPEN' and grade_origin = 'POLICY';

create table grade_history (
    id                     bigserial primary key,
    lead_id                text        not null references lead (lead_id),
    grade                  text        not null,
    previous_grade         text,
    score                  int         not null,
    origin                 text        not null,
    grading_policy_version int         not null,
    reasons                text        not null,
    reason                 text,
    requested_by           text,
    graded_at              timestamptz not null
);
create index grade_history_lead on grade_history (lead_id, id);

-- Who owns a lead, now and before. Exactly one active owner per lead, enforced here whatever the code does.
create table assignment (
    id                bigserial primary key,
    lead_id           text        not null references lead (lead_id),
    owner_id          text        not null references rep (rep_id),
    owner_name        text        not null,
    seniority         text        not null,
    grade             text,
    source            text,
    rule_id           text        not null,
    strategy          text        not null,
    why               text        not null,
    policy_version    int,
    previous_owner_id text,
    assigned_at       timestamptz not null,
    active            boolean     not null default true,
    ended_at          timestamptz,
    end_reason        text
);
create unique index assignment_one_active_owner on assignment (lead_id) where active;
create index assignment_owner_active on assignment (owner_id) where active;
create index assignment_owner_assigned_at on assignment (owner_id, assigned_at);
create index assignment_assigned_at on assignment (assigned_at);
create index assignment_lead on assignment (lead_id, id);

-- Follow-up events that arrived before the lead's LeadQualified (topics are not ordered with each other).
create table parked_event (
    event_id   uuid primary key,
    lead_id    text        not null,
    event_type text        not null,
    envelope   text        not null,
    parked_at  timestamptz not null
);
create index parked_event_lead on parked_event (lead_id);
