-- The first-response clock runs from the lead's registration, which for imported or back-dated history is long
-- before the assignment; the start is kept so the response time and the breach say what they were measured from.
alter table lead_state add column sla_started_at timestamptz;
-- Clocks started before this column existed ran from the assignment; their deadlines were measured from it.
update lead_state set sla_started_at = assigned_at where sla_deadline is not null;

-- A stage change dated in the past (history, or a move recorded late) keeps both times: when it happened and
-- when someone recorded it.
alter table stage_change add column recorded_at timestamptz;
update stage_change set recorded_at = changed_at;
alter table stage_change alter column recorded_at set not null;
