-- Issue #7: owners (from routing's events) for "sales see their own leads", consent provenance, form abuse settings,
-- policy change reasons, and the indexes erasure needs.

-- The lead's current owner as routing last announced it (LeadAssigned / LeadReassigned); null until assigned.
alter table lead add column owner_id text;
alter table lead add column owner_since timestamptz;
-- Where the consent was recorded: "form:<key> <origin>", "staff:<user>", "import:<id>".
alter table lead add column consent_source text;
-- A sales rep's register: their leads, newest first (the list's order).
create index lead_owner on lead (owner_id, registered_at desc, id desc) where owner_id is not null;

-- Public forms: a post must name an allowed origin (Origin, else Referer) unless the form says otherwise; the consent
-- wording shown next to the checkbox is what a submission's consent records.
alter table web_form add column require_origin boolean not null default true;
alter table web_form add column consent_text text;
alter table web_form add column consent_field text not null default 'consent';
alter table web_form add column consent_required boolean not null default false;

-- Why a screening policy version was put in force (the audit of a policy: version, changedBy, changedAt, reason).
alter table screening_policy add column reason text;

-- Erasure looks rows up by lead id in tables that were only ever read by their own keys.
create index outbox_event_lead on outbox_event (lead_id);
create index lead_import_row_lead on lead_import_row (lead_id) where lead_id is not null;
create index form_submission_lead on form_submission (lead_id) where lead_id is not null;
