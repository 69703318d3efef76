-- Every assigned lead's clock start, so a cadence what-if reads a period's leads through one index.
update lead_state set sla_started_at = assigned_at where sla_started_at is null and assigned_at is not null;
create index lead_state_sla_started on lead_state (sla_started_at) where sla_started_at is not null;
