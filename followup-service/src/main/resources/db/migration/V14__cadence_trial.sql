-- The what-if a cadence version was activated from (its period, leads and SLA compliance before and after, as JSON),
-- kept with the version so the history shows why the rule changed; null for a version saved without one.
alter table cadence_policy add column tried text;
