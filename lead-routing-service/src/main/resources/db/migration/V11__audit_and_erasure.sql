-- Issue #7: who changed what and when (from the caller's verified token, never from the request body), and
-- erasure that leaves nothing of an erased lead behind.

-- Every policy version names who saved it and, optionally, why. Versions saved before authentication keep null.
alter table grading_policy add column changed_by text, add column reason text;
alter table assignment_policy add column changed_by text, add column reason text;
update grading_policy set changed_by = 'system', reason = 'the template''s defaults' where version = 1 and changed_by is null;
update assignment_policy set changed_by = 'system', reason = 'the template''s defaults' where version = 1 and changed_by is null;

-- POST /grading-policy/regrade: who applied which policy version to the open leads, when, and what moved.
create table grading_regrade (
    id             bigserial primary key,
    policy_version int         not null,
    requested_by   text        not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    examined       int,
    moved          int,
    moves          text
);
create index grading_regrade_version on grading_regrade (policy_version, id);

-- An owner's row names who handed the lead over (null: the rules did) with the reason they typed, and who ended it.
alter table assignment add column assigned_by text, add column reason text, add column ended_by text;

-- The roster names who added, last changed and deactivated each rep.
alter table rep add column created_by text, add column updated_by text, add column deactivated_by text;

-- Erasure: when the lead was erased; published outbox rows of erased leads are deleted by lead id.
alter table lead add column erased_at timestamptz;
create index lead_erased_at on lead (erased_at) where erased_at is not null;
create index outbox_event_lead on outbox_event (lead_id);
