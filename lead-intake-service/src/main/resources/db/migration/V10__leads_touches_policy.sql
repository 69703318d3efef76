-- Leads as captured from every channel, with their screening verdict; rejected leads are kept with their reasons.
create extension if not exists pg_trgm;

create table lead (
    id                       text primary key,
    external_ref             text,
    status                   text        not null,            -- QUALIFIED, REJECTED, ERASED
    channel                  text        not null,            -- STAFF, FORM, IMPORT
    customer_name            text,
    contact_name             text,
    phone                    text,                            -- E.164 when valid
    phone_raw                text,                            -- as typed, kept so staff can correct it
    email                    text,
    wechat                   text,
    source                   text        not null,
    source_detail            text,
    utm_source               text,
    utm_medium               text,
    utm_campaign             text,
    utm_term                 text,
    utm_content              text,
    need_description         text,
    industry                 text,
    region                   text,
    company_size             integer,
    customer_type            text,
    budget_min               numeric(18, 2),
    budget_max               numeric(18, 2),
    budget_currency          text,
    budget_text              text,
    decision_cycle_days      integer,
    decision_cycle_text      text,
    declared_intent          text,
    given_grade              text,
    named_owner              text,
    consent_granted          boolean,
    consent_at               timestamptz,
    consent_text             text,
    registered_at            timestamptz not null,
    captured_at              timestamptz not null,
    updated_at               timestamptz not null,
    screening_policy_version integer     not null,
    screened_at              timestamptz not null,
    rejection_reasons        text,                            -- JSON array of {code, message}
    -- Normalised keys that find a duplicate; at most one lead per key, which the database enforces.
    phone_key                text,
    email_key                text,
    company_key              text,
    erased_at                timestamptz,
    erased_by                text,
    version                  integer     not null default 0
);
create unique index lead_phone_key on lead (phone_key) where phone_key is not null;
create unique index lead_email_key on lead (email_key) where email_key is not null;
create unique index lead_company_key on lead (company_key) where company_key is not null;
create unique index lead_external_ref on lead (external_ref) where external_ref is not null;
create index lead_captured on lead (registered_at desc, id desc);
create index lead_source_status on lead (source, status, registered_at desc);
create index lead_status on lead (status, registered_at desc);
create index lead_named_owner on lead (named_owner);
-- Free-text search on customer, contact and need (ILIKE '%...%' uses the trigram index).
create index lead_search on lead using gin (
    (coalesce(customer_name, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(need_description, ''))
    gin_trgm_ops);

-- The per-business-day sequence of lead ids: one row per day, bumped with UPDATE ... RETURNING.
create table lead_day_counter (
    day        date primary key,
    last_value integer not null
);

-- Every submission that reached a lead: the first capture and each duplicate merged into it.
create table lead_touch (
    id            text primary key,
    lead_id       text        not null references lead (id),
    kind          text        not null,            -- ORIGINAL or DUPLICATE
    matched_on    text,                            -- PHONE, EMAIL, COMPANY for duplicates
    channel       text        not null,
    source        text        not null,
    source_detail text,
    utm_source    text,
    utm_medium    text,
    utm_campaign  text,
    utm_term      text,
    utm_content   text,
    submitted_at  timestamptz not null,
    submitted     text                             -- JSON of what was submitted; erased with the lead
);
create index lead_touch_lead on lead_touch (lead_id, submitted_at);

-- Staff corrections: who, when, which field, old and new value.
create table lead_change (
    id         bigserial primary key,
    lead_id    text        not null references lead (id),
    changed_by text        not null,
    changed_at timestamptz not null,
    field      text        not null,
    old_value  text,
    new_value  text,
    reason     text
);
create index lead_change_lead on lead_change (lead_id, changed_at);

-- Screening policy versions; the highest is in force. Verdicts name the version that produced them.
create table screening_policy (
    version    integer primary key,
    policy     text        not null,               -- JSON
    created_at timestamptz not null,
    created_by text        not null
);
insert into screening_policy (version, policy, created_at, created_by) values (1, '{
  "requireValidContact": true,
  "requiredFields": ["customerName", "needDescription"],
  "minNeedLength": 2,
  "industriesAllowed": [], "industriesBlocked": [],
  "regionsAllowed": [], "regionsBlocked": [],
  "minCompanySize": null, "rejectUnknownCompanySize": false,
  "needKeywordsRequired": [], "needKeywordsBlocked": [],
  "blockedEmailDomains": [], "rejectDisposableEmail": true
}', now(), 'system');
