-- Issue #7: the read model keeps no text a person typed that could name or reach a customer.

-- A regrade reason is free text (it may quote the contact); routing keeps it in its own audit.
alter table lead_grade_history drop column reason;

-- Erased leads keep ids, codes, dates, counts and amounts; the typed texts they still held go now
-- (FactsProjection.forgetTexts does the same for every erasure from here on, and on every replay).
update lead_fact set source_detail = null, utm_term = null, utm_content = null, win_factors = '{}'
 where erased_at is not null;

-- Who started a rebuild (the caller's token name), shown by GET /api/v1/analytics/rebuild.
alter table model_generation add column started_by text;
