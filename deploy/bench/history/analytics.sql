-- deploy/bench/history/analytics.sql: a year of analytics-service history for the leads of common.sql, as the read
-- model's event handler (ReadModelService.applyAll, FactsProjection, Aggregates) would hold it after following the
-- intake, routing and follow-up topics for that year.
--
--   psql -h localhost -U leadflow -d <analytics db> -v n=1000000 -v ON_ERROR_STOP=1 -qAtX -f deploy/bench/history/analytics.sql
--
-- Runs once on a freshly migrated database whose service has started (so it works on the generation that is ACTIVE
-- then: V10 creates generation 1 ACTIVE, and V13 marks it aggregates_ready because it had no facts, so the service
-- starts without a backfill and keeps the cube from its first event on).
--
-- How: one timeline of events per lead (temporary table ev) is derived from history_lead, deterministically
-- (pg_temp.h, never random()), ending before today (Asia/Shanghai):
--   intake    LeadCaptured and LeadQualified, 30 ms after registered_at (every history lead is qualified: common.sql
--             grades and assigns all of them), their profile's channel, source detail, utm and declared intent
--             derived exactly as intake.sql derives them (same formulas and salts), so both hold the same profile;
--   routing   LeadGraded (5 ms before assigned_at; score in the grade's band) and LeadAssigned at assigned_at;
--   follow-up FollowUpScheduled for the cadence's tasks at the assignment (FIRST_RESPONSE when the default
--             cadence sets a deadline: WEBSITE_FORM 24 h, HIGH 48 h from registration; then HIGH WEEKLY_SYNC, MEDIUM
--             WEEKLY_TOUCH + MONTHLY_INVITATION, LOW MONTHLY_NEWSLETTER); the first human touch (log-normal delay
--             after assignment by grade) closes the first-response task, moves NEW -> CONTACTED and logs a
--             FollowUpLogged; every later funnel step is a FollowUpLogged and a LeadStageChanged; half the contacted
--             leads have one more touch that completes a cadence task (FollowUpLogged, FollowUpTaskClosed and the
--             next FollowUpScheduled); open LOW leads move to NURTURING; WON / LOST leads end with the stage move
--             at history_lead.closed_at, their open tasks cancelled and LeadWon / LeadLost; FirstResponseSlaBreached
--             when the deadline passed unanswered on an open lead (the scanner's 30 s interval after it).
--   Open leads in NEW were never contacted; LOST leads were contacted 90 % of the time (else lost UNRESPONSIVE from
--   NEW); NURTURING leads 70 %. Median first response after assignment: HIGH 40 min, MEDIUM 2.5 h, LOW 5 h.
-- From that timeline it writes, in time order: lead_fact (one per lead, every column as FactsProjection folds the
-- events: registered_on / registered_month in Asia/Shanghai, owner, grade, first response, SLA, stage and its rank,
-- outcome, cycle days, last_event_at = the latest event, merged_into null), lead_grade_history (one grade each),
-- lead_stage_history (every move), sla_breach, generation_event and processed_event (the marks of the events of the
-- last 90 days: the housekeeping's retention with topics that keep everything), event_key (the keys this consumer read from the keys
-- topic: intake's for every lead, routing's for every graded lead, follow-up's for every lead it moved) and then
-- lead_cube, computed from those facts, moves and breaches exactly as Aggregates.contribution sums them (the
-- backfill's path, AggregatesService.build), so the cube equals a recomputation from the facts cell for cell.
--
-- Not seeded, because a year-old analytics holds none: outbox_event, lead_key, outbox_forgotten_lead (analytics
-- publishes nothing and common.sql erases no lead), dead_letter_redrive, policy_version (the services' default
-- policies are version 1, which is never published; only a saved version 2+ is), event_key_position (it is per
-- physical topic, and the bench's topics are new for every run).
--
-- Simplifications: no lead of the story is rejected, merged, erased, regraded or reassigned (common.sql has none),
-- so grade_changes, reassignments and merged_touches are 0 and rejection_reasons empty (intake.sql and routing.sql
-- add ~0.1 % erasures, ~10 % duplicate submissions and ~5 % reassignments of their own, not in common.sql: here those
-- leads stay plain live leads without LeadErased, DuplicateLeadMerged or LeadReassigned); common.sql has no first
-- response, SLA, stage path, score, amount, win factor or loss reason, so they are derived here (salts prefixed
-- "a_"); an outcome is never dated earlier than 30 minutes after the assignment (a guard only: common.sql's sales
-- cycles last at least 7 days); all events of a lead arrive in time order, each applied once. Event ids:
-- md5('<EventType>:<lead id>') as uuid for intake's and routing's four events, as intake.sql and routing.sql name
-- them; md5('<lead id>/<slot>') for follow-up's (followup.sql derives its own timeline and ids).
\set ON_ERROR_STOP on
set temp_buffers = '1GB';
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '512MB';
set jit = off;
\ir common.sql
set client_min_messages = warning;

select generation as gen from model_generation where status = 'ACTIVE' \gset
-- History ends before today (Asia/Shanghai): no event of a history lead is at or after this instant.
select ((:'until'::date)::timestamp at time zone 'Asia/Shanghai') as horizon \gset

-- ---- one row per lead: everything its events say -------------------------------------------------------------
drop table if exists pg_temp.al;
create temp table al as
with b as (
    select h.*,
           substring(h.company_size from '^[0-9]+')::int as employees,
           case when h.source = 'WEBSITE_FORM' then h.registered_at + interval '24 hours'
                when h.grade = 'HIGH' then h.registered_at + interval '48 hours' end as deadline,
           case when h.outcome = 'WON' or h.stage in ('CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION') then true
                when h.outcome = 'LOST' then pg_temp.h(h.g, 'a_contact') < 0.9
                when h.stage = 'NURTURING' then pg_temp.h(h.g, 'a_contact') < 0.7
                else false end as contacted,
           case when h.outcome is distinct from 'OPEN'
                then greatest(h.closed_at, h.assigned_at + interval '30 minutes') end as t_close,
           (array['需求明确', '现场互动强', '价格合理', '响应及时', '客户转介绍信任', '案例说服力', '伙伴背书'])
               as factors,
           1 + floor(pg_temp.h(h.g, 'a_factor1') * 7)::int as f1,
           -- minutes from the assignment to the first human touch: log-normal by grade
           exp(ln(case h.grade when 'HIGH' then 40 when 'MEDIUM' then 150 else 300 end)
               + 1.1 * sqrt(-2 * ln(greatest(pg_temp.h(h.g, 'a_resp1'), 1e-9))) * cos(2 * pi() * pg_temp.h(h.g, 'a_resp2')))
               as resp_minutes
      from history_lead h
), e as (
    select b.*,
           -- the end of the lead's activity: its outcome, or (open) a moment between its registration and today
           coalesce(t_close, greatest(registered_at + (:'horizon'::timestamptz - registered_at)
                                          * (0.3 + 0.65 * pg_temp.h(g, 'a_active')),
                                      assigned_at + interval '20 minutes')) as t_end,
           -- the last funnel step before the outcome / now: 1 NEW .. 5 NEGOTIATION
           case when not contacted then 1
                when outcome = 'WON' then 5
                when outcome = 'LOST' then 2 + floor(pg_temp.h(g, 'a_rank') * 4)::int
                when stage = 'NURTURING' then 2
                else array_position(array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'], stage) end
               as top
      from b
), r as (
    select e.*,
           case when contacted then least(assigned_at + resp_minutes * interval '1 minute',
                                          assigned_at + (t_end - assigned_at) / 2) end as frt
      from e
)
select r.*,
       (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[top] as top_stage,
       -- reported by the scanner (every 30 s) while the lead is open and unanswered; a touch right after the
       -- deadline reports it itself
       case when deadline is not null and deadline + interval '30 seconds' < :'horizon'::timestamptz
                 and (frt is null or frt > deadline) and (t_close is null or t_close > deadline + interval '30 seconds')
            then least(deadline + (1 + floor(pg_temp.h(g, 'a_scan') * 29)) * interval '1 second',
                       coalesce(frt, 'infinity')) end as t_breach,
       case when contacted and pg_temp.h(g, 'a_extra') < 0.5 then frt + (t_end - frt) * 0.37 end as t_extra,
       (case when deadline is not null then array['FIRST_RESPONSE'] else array[]::text[] end)
           || case grade when 'HIGH' then array['WEEKLY_SYNC'] when 'MEDIUM' then array['WEEKLY_TOUCH', 'MONTHLY_INVITATION']
                         else array['MONTHLY_NEWSLETTER'] end as tasks,
       -- tasks still open at the outcome: the cadence's (a done touch schedules its next), and the first response
       -- when nobody answered
       (case when deadline is not null and not contacted then array['FIRST_RESPONSE'] else array[]::text[] end)
           || case grade when 'HIGH' then array['WEEKLY_SYNC'] when 'MEDIUM' then array['WEEKLY_TOUCH', 'MONTHLY_INVITATION']
                         else array['MONTHLY_NEWSLETTER'] end as open_tasks,
       case grade when 'HIGH' then 70 + floor(pg_temp.h(g, 'a_score') * 31)::int
                  when 'MEDIUM' then 30 + floor(pg_temp.h(g, 'a_score') * 40)::int
                  else floor(pg_temp.h(g, 'a_score') * 30)::int end as score,
       -- the profile's typed extras as intake.sql derives them (same formulas and salts): the capture's channel,
       -- source detail, the form page's utm, the intent staff declared (none from the public form)
       case when source = 'WEBSITE_FORM' then 'FORM' else 'STAFF' end as channel,
       case when source = 'WEBSITE_FORM' then '官网咨询表单'
            when source = 'TRADE_SHOW' then to_char(registered_on, 'YYYY') || ' '
                || (array['上海','北京','深圳','杭州'])[1 + floor(pg_temp.h(g, 'show') * 4)::int] || '数字化展会'
            when source = 'PARTNER_REFERRAL'
                then '合作伙伴：' || (array['华信咨询','博远科技','鼎盛渠道'])[1 + floor(pg_temp.h(g, 'partner') * 3)::int]
            when source = 'SOCIAL_MEDIA' then (array['微信公众号','领英','行业社群'])[1 + floor(pg_temp.h(g, 'social') * 3)::int]
            else '老客户转介绍' end as source_detail,
       case when source = 'WEBSITE_FORM' and pg_temp.h(g, 'utm') < 0.7
            then (array['baidu','wechat','google','zhihu'])[1 + floor(pg_temp.h(g, 'utm_source') * 4)::int] end as utm_source,
       case when source = 'WEBSITE_FORM' then null else grade end as declared_intent,
       case when outcome = 'WON' then round((budget_min * (0.6 + 1.4 * pg_temp.h(g, 'a_amount')))::numeric, -2)::numeric(18, 2) end as amount,
       case when outcome <> 'WON' then array[]::text[]
            when pg_temp.h(g, 'a_factor3') < 0.5 then array[factors[f1]]
            else array[factors[f1], factors[1 + (f1 + floor(pg_temp.h(g, 'a_factor2') * 6)::int) % 7]] end as win_factors,
       case when outcome <> 'LOST' then null
            when not contacted then 'UNRESPONSIVE'
            else (array['BUDGET', 'TIMING', 'COMPETITOR', 'NO_NEED', 'SLOW_RESPONSE', 'OTHER'])[1 + floor(pg_temp.h(g, 'a_loss') * 6)::int] end
           as loss_reason
  from r;
alter table al add primary key (g);
analyze al;

-- ---- every event of every lead, as the read model applied it -----------------------------------------------------
-- at = the envelope's occurredAt; changed_at = LeadStageChanged.changedAt (the history row's occurred_at).
drop table if exists pg_temp.ev;
create temp table ev as
select a.g, a.lead_id, x.at, x.kind, x.slot, x.st_from, x.st_to, x.changed_at, x.task,
       case when x.slot <= 4 then md5(x.kind || ':' || a.lead_id) else md5(a.lead_id || '/' || x.slot) end::uuid as event_id
  from al a
  cross join lateral (
    select a.registered_at + interval '30 ms' as at, 'LeadCaptured'::text as kind, 1 as slot, null::text as st_from,
           null::text as st_to, null::timestamptz as changed_at, null::text as task
    union all select a.registered_at + interval '31 ms', 'LeadQualified', 2, null, null, null, null
    union all select a.assigned_at - interval '5 ms', 'LeadGraded', 3, null, null, null, null
    union all select a.assigned_at, 'LeadAssigned', 4, null, null, null, null
    -- the cadence, when follow-up read the assignment
    union all select a.assigned_at + interval '300 ms' + k * interval '1 ms', 'FollowUpScheduled', 10 + k::int, null, null,
                     null, t.task
                from unnest(a.tasks) with ordinality t(task, k)
    -- the first human touch: the first-response task done, NEW -> CONTACTED (dated at the touch), the log
    union all select a.frt + interval '1 ms', 'FollowUpTaskClosed', 20, null, null, null, 'FIRST_RESPONSE'
               where a.contacted and a.deadline is not null
    union all select a.frt + interval '2 ms', 'LeadStageChanged', 21, 'NEW', 'CONTACTED', a.frt, null where a.contacted
    union all select a.frt + interval '3 ms', 'FollowUpLogged', 22, null, null, null, null where a.contacted
    union all select a.t_breach, 'FirstResponseSlaBreached', 30, null, null, null, null where a.t_breach is not null
    -- each later funnel step: a touch, then the move
    union all select m.at - interval '1 second', 'FollowUpLogged', 40 + 2 * m.k, null, null, null, null
                from (select k, a.frt + (a.t_end - a.frt) * (k - 2)::numeric
                                 / (case when a.t_close is null then a.top - 2 else a.top - 1 end) as at
                        from generate_series(3, a.top) k) m
    union all select m.at, 'LeadStageChanged', 41 + 2 * m.k,
                     (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[m.k - 1],
                     (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[m.k], m.at, null
                from (select k, a.frt + (a.t_end - a.frt) * (k - 2)::numeric
                                 / (case when a.t_close is null then a.top - 2 else a.top - 1 end) as at
                        from generate_series(3, a.top) k) m
    -- one more touch that completes a cadence task, whose next occurrence is scheduled
    union all select a.t_extra, 'FollowUpLogged', 60, null, null, null, null where a.t_extra is not null
    union all select a.t_extra + interval '1 ms', 'FollowUpTaskClosed', 61, null, null, null, a.tasks[array_length(a.tasks, 1)]
               where a.t_extra is not null
    union all select a.t_extra + interval '2 ms', 'FollowUpScheduled', 62, null, null, null, a.tasks[array_length(a.tasks, 1)]
               where a.t_extra is not null
    -- open low-intent leads go to nurturing
    union all select a.t_end, 'LeadStageChanged', 70, a.top_stage, 'NURTURING', a.t_end, null
               where a.outcome = 'OPEN' and a.stage = 'NURTURING'
    -- the outcome: the stage move, the open tasks cancelled, then LeadWon / LeadLost
    union all select a.t_close, 'LeadStageChanged', 80, a.top_stage, a.outcome, a.t_close, null where a.t_close is not null
    union all select a.t_close + k * interval '1 ms', 'FollowUpTaskClosed', 80 + k::int, null, null, null, t.task
                from unnest(a.open_tasks) with ordinality t(task, k) where a.t_close is not null
    union all select a.t_close + interval '5 ms', case a.outcome when 'WON' then 'LeadWon' else 'LeadLost' end, 90,
                     null, null, null, null where a.t_close is not null
  ) x;
analyze ev;

-- ---- the facts ---------------------------------------------------------------------------------------------------
insert into lead_fact (generation, lead_id, profile_at, channel, source, source_detail, utm_source, utm_medium,
    utm_campaign, utm_term, utm_content, industry, region, company_size, customer_type, declared_intent,
    decision_cycle_days, registered_at, registered_on, registered_month, screening, screening_at, rejection_reasons,
    merged_touches, grade, grade_score, grade_at, grade_changes, owner_id, owner_at, assigned_at, reassignments,
    first_response_at, touches, stage, stage_at, max_stage_rank, outcome, outcome_at, won_on, lost_on, amount,
    currency, win_factors, loss_reason, cycle_days, sla_breaches, sla_deadline, erased_at, merged_into, last_event_at)
select :gen, a.lead_id,
       a.registered_at + interval '31 ms',
       a.channel,
       a.source,
       a.source_detail,
       a.utm_source,
       case a.utm_source when 'baidu' then 'cpc' when 'google' then 'cpc' when 'wechat' then 'social'
                         when 'zhihu' then 'social' end,
       case when a.utm_source is not null then 'crm-' || to_char(a.registered_on, 'YYYYMM') end,
       null, null,
       a.industry, a.region, a.employees, a.customer_type, a.declared_intent, a.decision_cycle_days,
       a.registered_at, a.registered_on, date_trunc('month', a.registered_on)::date,
       'QUALIFIED', a.registered_at + interval '31 ms', '{}', 0,
       a.grade, a.score, a.assigned_at - interval '5 ms', 0,
       a.owner_id, a.assigned_at, a.assigned_at, 0,
       a.frt,
       case when a.contacted then a.top - 1 + (a.t_extra is not null)::int else 0 end,
       case when a.t_close is not null then a.outcome
            when a.stage = 'NURTURING' then 'NURTURING'
            when a.contacted then a.top_stage end,
       case when a.t_close is not null then a.t_close
            when a.stage = 'NURTURING' then a.t_end
            when a.top > 2 then a.t_end
            when a.contacted then a.frt end,
       case when a.outcome = 'WON' then 6 when a.contacted then a.top else 0 end,
       nullif(a.outcome, 'OPEN'),
       case when a.t_close is not null then a.t_close + interval '5 ms' end,
       case when a.outcome = 'WON' then (a.t_close at time zone 'Asia/Shanghai')::date end,
       case when a.outcome = 'LOST' then (a.t_close at time zone 'Asia/Shanghai')::date end,
       a.amount,
       case when a.outcome = 'WON' then 'CNY' end,
       a.win_factors,
       a.loss_reason,
       case when a.outcome = 'WON' then (a.t_close at time zone 'Asia/Shanghai')::date - a.registered_on end,
       (a.t_breach is not null)::int,
       case when a.t_breach is not null then a.deadline end,
       null, null,
       l.last_at
  from al a
  join (select g, max(at) as last_at from ev group by g) l using (g)
 order by a.g;

insert into lead_grade_history (generation, event_id, lead_id, grade, score, previous_grade, given, occurred_at)
select :gen, md5('LeadGraded:' || lead_id)::uuid, lead_id, grade, score, null, false, assigned_at - interval '5 ms'
  from al order by assigned_at;

insert into lead_stage_history (generation, event_id, lead_id, from_stage, to_stage, owner_id, occurred_at)
select :gen, e.event_id, e.lead_id, e.st_from, e.st_to, a.owner_id, e.changed_at
  from ev e join al a using (g)
 where e.kind = 'LeadStageChanged'
 order by e.at;

insert into sla_breach (generation, event_id, lead_id, grade, source, owner_id, assigned_at, deadline, occurred_at)
select :gen, md5(lead_id || '/30')::uuid, lead_id, grade, source, owner_id, assigned_at, deadline, t_breach
  from al where t_breach is not null order by t_breach;

-- ---- the per-event ledgers -----------------------------------------------------------------------------------------
-- The generation's marks of applied events, with the consumer's lag behind the event; older ones the housekeeping has
-- purged (the processed_event retention, 90 days).
insert into generation_event (generation, event_id, applied_at)
select :gen, event_id, p
  from (select event_id, at + (50 + floor(pg_temp.h(g * 100 + slot, 'a_lag') * 400)) * interval '1 ms' as p from ev) x
 where p >= now() - interval '90 days'
 order by p;

-- The consumer's marks, with the consumer's lag behind the event; older ones the housekeeping has purged.
insert into processed_event (consumer, event_id, processed_at)
select 'analytics-read-model', event_id, p
  from (select event_id, at + (50 + floor(pg_temp.h(g * 100 + slot, 'a_lag') * 400)) * interval '1 ms' as p from ev) x
 where p >= now() - interval '90 days'
 order by p;

-- The keys this service read from the keys topic: every producer that sealed an event of the lead made one.
insert into event_key (key_id, lead_id, wrapped)
select key_id, lead_id, substring(sha256(convert_to(key_id, 'UTF8')) || sha256(convert_to(lead_id, 'UTF8')) from 1 for 60)
  from (select 'lead-intake-service/' || lead_id as key_id, lead_id, registered_at as at from al
        union all
        select 'lead-routing-service/' || lead_id, lead_id, assigned_at - interval '5 ms' from al
        union all
        -- follow-up seals a stage change's reason and an outcome's words: its key comes with its first move
        select 'followup-service/' || lead_id, lead_id, min(at) from ev where kind = 'LeadStageChanged' group by g, lead_id
       ) k
 order by at;

-- ---- the cube: Aggregates.contribution of every registered lead, summed per cell ------------------------------------
-- (AggregatesService.build: the facts, their stage moves and breaches; V13/V14 say where each map is kept)
drop table if exists pg_temp.cube_fine;
create temp table cube_fine as
select date_trunc('month', registered_on)::date as month, coalesce(source, '') as s, coalesce(grade, '') as gr,
       coalesce(owner_id, '') as o, coalesce(region, '') as r, coalesce(industry, '') as i,
       count(*) as leads,
       count(*) filter (where screening = 'QUALIFIED') as qualified,
       count(*) filter (where screening = 'REJECTED') as rejected,
       count(*) filter (where outcome is null and screening is distinct from 'REJECTED') as open,
       count(*) filter (where outcome = 'WON') as won,
       count(*) filter (where outcome = 'LOST') as lost,
       count(*) filter (where outcome is null) as no_outcome,
       count(*) filter (where assigned_at is not null or sla_breaches > 0) as assigned,
       count(*) filter (where first_response_at is not null) as responded,
       count(*) filter (where sla_breaches > 0) as breached,
       coalesce(sum(amount) filter (where outcome = 'WON'), 0) as won_amount
  from lead_fact
 where generation = :gen and registered_on is not null
 group by 1, 2, 3, 4, 5, 6;

-- The maps at the finest grain their slices need: the base ones (every slice) by all five dimensions, the wide ones
-- (kept only in slices without region and industry) by month, source, grade and owner.
drop table if exists pg_temp.cube_hist_fine;
create temp table cube_hist_fine as
with f as (
    select lead_id, date_trunc('month', registered_on)::date as month, coalesce(source, '') as s,
           coalesce(grade, '') as gr, coalesce(owner_id, '') as o, coalesce(region, '') as r,
           coalesce(industry, '') as i, source, owner_id, outcome, screening, cycle_days, max_stage_rank, won_on,
           win_factors, loss_reason, rejection_reasons,
           case when first_response_at is not null and registered_at is not null and first_response_at >= registered_at
                then floor(extract(epoch from first_response_at - registered_at) / 60)::bigint end as minutes
      from lead_fact
     where generation = :gen and registered_on is not null
), rb as (
    -- ValueBuckets.bucket: 0..7 one value each, then four buckets per doubling
    select f.*, case when minutes < 8 then minutes
                     else 8 + 4 * (kk - 3) + ((minutes >> (kk - 2)::int) & 3) end as bucket
      from f cross join lateral (select length(ltrim(minutes::bit(64)::text, '0')) - 1 as kk) b
     where minutes is not null
), entries as (
    select month, s, gr, o, r, i, 'base' as cls, 'cycle' as name, cycle_days::text as key, 1::bigint as n
      from f where outcome = 'WON' and cycle_days is not null
    union all
    select month, s, gr, o, r, i, 'base', 'rank', greatest(max_stage_rank, 1)::text, 1 from f
    union all
    select month, s, gr, o, r, i, 'base', 'wonAge',
           ((extract(year from won_on) - extract(year from month)) * 12 + extract(month from won_on)
            - extract(month from month))::int::text, 1
      from f where outcome = 'WON' and won_on is not null
    union all
    select f.month, f.s, f.gr, f.o, f.r, f.i, 'base', 'bOwner', coalesce(b.owner_id, f.owner_id, ''), 1
      from f join sla_breach b on b.generation = :gen and b.lead_id = f.lead_id
    union all
    select f.month, f.s, f.gr, f.o, f.r, f.i, 'base', 'bSource', coalesce(b.source, f.source, ''), 1
      from f join sla_breach b on b.generation = :gen and b.lead_id = f.lead_id
    union all
    select month, s, gr, o, '', '', 'resp', 'respB', bucket::text, 1 from rb
    union all
    select month, s, gr, o, '', '', 'resp', 'respSum', 'm', minutes from rb where minutes <> 0
    union all
    select month, s, gr, o, '', '', 'resp', 'resp:' || bucket, minutes::text, 1 from rb
    union all
    select month, s, gr, o, '', '', 'reasons', 'win', w, 1 from f, unnest(win_factors) w where outcome = 'WON'
    union all
    select month, s, gr, o, '', '', 'reasons', 'loss', loss_reason, 1 from f where outcome = 'LOST' and loss_reason is not null
    union all
    select month, s, gr, o, '', '', 'reasons', 'rej', x, 1 from f, unnest(rejection_reasons) x where screening = 'REJECTED'
    union all
    -- hours in each stage: from a move to the lead's next one
    select f.month, f.s, f.gr, f.o, '', '', 'stageH', 'stageH',
           m.to_stage || '|' || floor(extract(epoch from m.next_at - m.occurred_at) / 3600)::bigint, 1
      from f join (select lead_id, to_stage, occurred_at,
                          lead(occurred_at) over (partition by lead_id order by occurred_at) as next_at
                     from lead_stage_history where generation = :gen) m on m.lead_id = f.lead_id
     where m.next_at is not null
)
select month, s, gr, o, r, i, cls, name, key, sum(n)::bigint as n from entries group by 1, 2, 3, 4, 5, 6, 7, 8, 9;

-- Aggregates.Slice: code and dimensions (source, grade, owner, region, industry); cube_slice_maps: which maps each
-- keeps (the base ones everywhere, first-response minutes in '', g, s, o, reasons in '' and s, hours in stage in '').
drop table if exists pg_temp.cube_slice;
create temp table cube_slice (code text, ds bool, dg bool, dow bool, dr bool, di bool);
insert into cube_slice values
    ('',     false, false, false, false, false),
    ('g',    false, true,  false, false, false),
    ('s',    true,  false, false, false, false),
    ('r',    false, false, false, true,  false),
    ('i',    false, false, false, false, true),
    ('o',    false, false, true,  false, false),
    ('sg',   true,  true,  false, false, false),
    ('sgo',  true,  true,  true,  false, false),
    ('sgri', true,  true,  false, true,  true);
drop table if exists pg_temp.cube_slice_maps;
create temp table cube_slice_maps as
select code, 'base' as cls from cube_slice
union all select unnest(array['', 'g', 's', 'o']), 'resp'
union all select unnest(array['', 's']), 'reasons'
union all select '', 'stageH';
analyze cube_fine;
analyze cube_hist_fine;
analyze cube_slice;
analyze cube_slice_maps;

insert into lead_cube (generation, slice, month, source, grade, owner_id, region, industry, leads, qualified,
    rejected, open, won, lost, no_outcome, assigned, responded, breached, won_amount, hist, resp_b, resp_x)
with counts as (
    select sl.code, c.month,
           case when sl.ds then c.s else '' end as s, case when sl.dg then c.gr else '' end as gr,
           case when sl.dow then c.o else '' end as o, case when sl.dr then c.r else '' end as r,
           case when sl.di then c.i else '' end as i,
           sum(leads) as leads, sum(qualified) as qualified, sum(rejected) as rejected, sum(open) as open,
           sum(won) as won, sum(lost) as lost, sum(no_outcome) as no_outcome, sum(assigned) as assigned,
           sum(responded) as responded, sum(breached) as breached, sum(won_amount) as won_amount
      from cube_fine c cross join cube_slice sl
     group by 1, 2, 3, 4, 5, 6, 7
), cell_key as (
    select sl.code, h.month,
           case when sl.ds then h.s else '' end as s, case when sl.dg then h.gr else '' end as gr,
           case when sl.dow then h.o else '' end as o, case when sl.dr then h.r else '' end as r,
           case when sl.di then h.i else '' end as i,
           h.name, h.key, sum(h.n) as n
      from cube_hist_fine h
      join cube_slice_maps sm on sm.cls = h.cls
      join cube_slice sl on sl.code = sm.code
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
), maps as (
    select code, month, s, gr, o, r, i, name, jsonb_object_agg(key, n) as m
      from cell_key where n <> 0 group by 1, 2, 3, 4, 5, 6, 7, 8
), cols as (
    select code, month, s, gr, o, r, i,
           jsonb_object_agg(name, m) filter (where name not in ('respB', 'respSum') and name not like 'resp:%') as hist,
           jsonb_object_agg(name, m) filter (where name in ('respB', 'respSum')) as resp_b,
           jsonb_object_agg(name, m) filter (where name like 'resp:%') as resp_x
      from maps group by 1, 2, 3, 4, 5, 6, 7
)
select :gen, c.code, c.month, c.s, c.gr, c.o, c.r, c.i, c.leads, c.qualified, c.rejected, c.open, c.won, c.lost,
       c.no_outcome, c.assigned, c.responded, c.breached, c.won_amount,
       coalesce(h.hist, '{}'), coalesce(h.resp_b, '{}'), coalesce(h.resp_x, '{}')
  from counts c
  left join cols h using (code, month, s, gr, o, r, i)
 order by c.month, c.code, c.s, c.gr, c.o, c.r, c.i;

-- The cube now equals the facts (what the backfill would have marked); normally it was marked at the first start.
update model_generation set aggregates_ready = true where generation = :gen and not aggregates_ready;

drop table pg_temp.cube_fine;
drop table pg_temp.cube_hist_fine;
drop table pg_temp.cube_slice;
drop table pg_temp.cube_slice_maps;

analyze lead_fact;
analyze lead_grade_history;
analyze lead_stage_history;
analyze sla_breach;
analyze generation_event;
analyze processed_event;
analyze event_key;
analyze lead_cube;
analyze model_generation;
