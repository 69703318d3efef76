-- The policy lab replays a past period's leads by registration date: one range scan instead of reading every lead.
create index lead_registered_at on lead (registered_at);

-- A version activated from a backtest (grading) or dry run (assignment) keeps the period it was tried on and the
-- headline figures, recomputed by the service at activation for exactly the version saved (never taken from the
-- request), so the versions list shows what a change was decided on; null for versions saved without one.
alter table grading_policy add column backtest text;
alter table assignment_policy add column backtest text;
