-- deploy/bench/analytics-seed.sql: seeds the analytics read model (generation 1) with :n leads registered over the
-- 13 months before :'now' (business zone Asia/Shanghai), as the event handlers would have written them.
--
--   psql -v n=1000000 -v now="'2026-11-27 00:00+08'" -f analytics-seed.sql
--
-- Every lead follows one event timeline and its facts are derived from it the way FactsProjection folds events:
--   capture t0 (profile, channel, registeredAt = t0)
--   screening t0+30s: 85 % LeadQualified (profile again, so profile_at = t0+30s), 15 % LeadRejected with 1-2 reasons
--   qualified only: LeadGraded t0+40s (score by grade; 6 % regraded 3 days later with previous_grade, so
--     grade_changes = 1 and two grade history rows), LeadAssigned t0+45s to one of 40 owners (3 % reassigned
--     10 minutes later), first human touch after a log-normal delay by grade (8 % never answered),
--     FirstResponseSlaBreached at the deadline (HIGH 1 h, MEDIUM 4 h, LOW 24 h after assignment) when the touch came
--     later or never; stage moves CONTACTED .. NEGOTIATION spaced between the touch and the outcome (one
--     FollowUpLogged per move, so touches = moves), then LeadWon / LeadLost (with a WON / LOST stage move), or
--     still open. Outcomes after :'now' stay open; won leads carry an amount (CNY) and 1-2 win factors.
-- Derived columns are the projection's: registered_on / registered_month in Asia/Shanghai, won_on / lost_on as the
-- business date of the outcome, cycle_days = won_on - registered_on, max_stage_rank, last_event_at = the latest
-- event. generation_event (the per-event de-duplication ledger) is not seeded: no table reads it.
\set ON_ERROR_STOP on
select setseed(0.42);
select ((:'now'::timestamptz at time zone 'Asia/Shanghai')::date - interval '13 months')::date as start_day,
       (:'now'::timestamptz at time zone 'Asia/Shanghai')::date as end_day \gset

create temp table seed as
with draws as (
    select i,
           random() as u_reg, random() as u_hour, random() as u_src, random() as u_reg2, random() as u_ind,
           random() as u_screen, random() as u_grade, random() as u_owner, random() as u_reassign,
           random() as u_regrade, random() as u_resp1, random() as u_resp2, random() as u_answer, random() as u_out,
           random() as u_cyc1, random() as u_cyc2, random() as u_amt1, random() as u_amt2, random() as u_rank,
           random() as u_reason, random() as u_reason2, random() as u_open, random() as u_size
    from generate_series(1, :n) i
), base as materialized (
    select d.*,
           -- 13 months of days ending the day before :now, leads mostly in office hours (Shanghai)
           ((:'start_day'::date + floor(u_reg * (:'end_day'::date - :'start_day'::date))::int)::timestamp
               + (case when u_hour < 0.85 then 9 * 3600 + u_hour / 0.85 * 9 * 3600 else (u_hour - 0.85) / 0.15 * 86399 end)
                 * interval '1 second') at time zone 'Asia/Shanghai' as t0,
           case when u_src < 0.35 then 'WEBSITE_FORM' when u_src < 0.50 then 'TRADE_SHOW'
                when u_src < 0.65 then 'PARTNER_REFERRAL' when u_src < 0.85 then 'SOCIAL_MEDIA'
                when u_src < 0.95 then 'CUSTOMER_REFERRAL' else 'OTHER' end as source,
           (array['上海', '北京', '广东', '江苏', '浙江', '四川', '湖北', '山东'])[1 + floor(power(u_reg2, 1.4) * 8)::int] as region,
           (array['SOFTWARE', 'MANUFACTURING', 'RETAIL', 'FINANCE', 'EDUCATION', 'HEALTHCARE', 'LOGISTICS',
                  'REAL_ESTATE'])[1 + floor(power(u_ind, 1.3) * 8)::int] as industry,
           u_screen >= 0.15 as qualified,
           sqrt(-2 * ln(greatest(u_resp1, 1e-12))) * cos(2 * pi() * u_resp2) as z_resp,
           sqrt(-2 * ln(greatest(u_cyc1, 1e-12))) * cos(2 * pi() * u_cyc2) as z_cyc,
           sqrt(-2 * ln(greatest(u_amt1, 1e-12))) * cos(2 * pi() * u_amt2) as z_amt
    from draws d
), graded as materialized (
    select b.*,
           case when not qualified then null
                when u_grade < (case source when 'CUSTOMER_REFERRAL' then 0.40 when 'PARTNER_REFERRAL' then 0.30
                                            when 'TRADE_SHOW' then 0.25 when 'WEBSITE_FORM' then 0.15 else 0.10 end)
                     then 'HIGH'
                when u_grade < 0.60 then 'MEDIUM' else 'LOW' end as grade,
           'rep-' || lpad((1 + floor(u_owner * 40))::int::text, 2, '0') as owner1,
           'rep-' || lpad((1 + (floor(u_owner * 40)::int + 1 + floor(u_reassign * 1000)::int % 39) % 40)::text, 2, '0') as owner2
    from base b
), timed as materialized (
    select g.*,
           t0 + interval '45 seconds' as t_assign,
           case when qualified and u_reassign < 0.03 then t0 + interval '45 seconds' + interval '10 minutes' end as t_reassign,
           case when qualified and u_regrade < 0.06 and t0 + interval '3 days' < :'now'::timestamptz
                then t0 + interval '3 days' end as t_regrade,
           case when qualified and u_answer >= 0.08 then
               t0 + interval '45 seconds' + greatest(1, round(exp(ln(case grade when 'HIGH' then 30 when 'MEDIUM' then 90 else 240 end)
                   + 1.2 * z_resp)))::int * interval '1 minute' end as t_resp_raw,
           t0 + interval '45 seconds' + case grade when 'HIGH' then interval '1 hour' when 'MEDIUM' then interval '4 hours'
                                                  else interval '24 hours' end as deadline
    from graded g
), outcome as materialized (
    select t.*,
           case when t_resp_raw < :'now'::timestamptz then t_resp_raw end as t_resp,
           -- won / lost among the answered, by grade and source; unanswered leads may be lost as unresponsive
           case when not qualified then null
                when t_resp_raw is null or t_resp_raw >= :'now'::timestamptz then case when u_out < 0.5 then 'LOST' end
                when u_out < (case grade when 'HIGH' then 0.40 when 'MEDIUM' then 0.18 else 0.06 end)
                             * (case source when 'CUSTOMER_REFERRAL' then 1.3 when 'PARTNER_REFERRAL' then 1.2
                                            when 'SOCIAL_MEDIA' then 0.6 else 1 end) then 'WON'
                when u_out > 0.62 then 'LOST' end as planned
    from timed t
), ended as materialized (
    select o.*,
           case when planned = 'WON' then t_resp + greatest(1, round(exp(ln(20) + 0.6 * z_cyc)))::int * interval '1 day'
                when planned = 'LOST' and t_resp is not null
                    then t_resp + greatest(1, round(exp(ln(15) + 0.7 * z_cyc)))::int * interval '1 day'
                when planned = 'LOST' then t_assign + interval '14 days' end as t_out_raw
    from outcome o
)
select e.*,
       case when t_out_raw < :'now'::timestamptz then planned end as outcome,
       case when t_out_raw < :'now'::timestamptz then t_out_raw end as t_out,
       -- the highest funnel step a contacted lead reaches before its outcome (or by now): 2 CONTACTED .. 5 NEGOTIATION
       case when t_resp is null then 0
            when planned = 'WON' and t_out_raw < :'now'::timestamptz then 5
            else 2 + floor(power(u_rank, 1.6) * 4)::int end as top_rank
from ended e;

alter table seed add column t_end timestamptz, add column stage_at timestamptz, add column stage text,
    add column breach_at timestamptz;
update seed set
    t_end = coalesce(t_out, least(t_resp + (1 + floor(u_open * 30)) * interval '1 day', :'now'::timestamptz - interval '1 minute')),
    breach_at = case when qualified and deadline < :'now'::timestamptz and (t_resp is null or t_resp > deadline)
                     then deadline end;
update seed set
    stage = case when t_resp is null then null
                 when outcome is not null then outcome
                 else (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[top_rank] end,
    stage_at = case when t_resp is null then null
                    when outcome is not null then t_out
                    else t_resp + (top_rank - 2)::numeric / greatest(top_rank - 1, 1) * (t_end - t_resp) end;

insert into lead_fact (generation, lead_id, profile_at, channel, source, source_detail, utm_source, utm_medium,
    utm_campaign, utm_term, utm_content, industry, region, company_size, customer_type, declared_intent,
    decision_cycle_days, registered_at, registered_on, registered_month, screening, screening_at, rejection_reasons,
    merged_touches, grade, grade_score, grade_at, grade_changes, owner_id, owner_at, assigned_at, reassignments,
    first_response_at, touches, stage, stage_at, max_stage_rank, outcome, outcome_at, won_on, lost_on, amount,
    currency, win_factors, loss_reason, cycle_days, sla_breaches, sla_deadline, erased_at, last_event_at)
select 1, 'LB' || lpad(i::text, 8, '0'),
       t0 + interval '30 seconds',
       case when source = 'WEBSITE_FORM' then 'WEB_FORM' else 'STAFF' end,
       source,
       case source when 'TRADE_SHOW' then to_char(t0 at time zone 'Asia/Shanghai', 'YYYY') || ' 上海数字化展会'
                   when 'PARTNER_REFERRAL' then '华东渠道伙伴' when 'WEBSITE_FORM' then '官网首页表单' end,
       case source when 'WEBSITE_FORM' then 'baidu' when 'SOCIAL_MEDIA' then 'wechat' end,
       case source when 'WEBSITE_FORM' then 'cpc' when 'SOCIAL_MEDIA' then 'social' end,
       case when source in ('WEBSITE_FORM', 'SOCIAL_MEDIA') then 'crm-' || to_char(t0 at time zone 'Asia/Shanghai', 'YYYY-"q"Q') end,
       null, null,
       industry, region, 10 + floor(u_size * 2000)::int,
       case when u_size < 0.3 then 'SMB' else 'ENTERPRISE' end,
       coalesce(grade, 'LOW'), (array[30, 60, 90])[1 + floor(u_size * 3)::int],
       t0, (t0 at time zone 'Asia/Shanghai')::date,
       date_trunc('month', t0 at time zone 'Asia/Shanghai')::date,
       case when qualified then 'QUALIFIED' else 'REJECTED' end, t0 + interval '30 seconds',
       case when qualified then '{}'::text[]
            when u_reason < 0.5 then array[(array['CONTACT_INVALID', 'CONTACT_INCOMPLETE', 'INDUSTRY_NOT_TARGETED',
                'REGION_NOT_SERVED', 'COMPANY_TOO_SMALL', 'NEED_NOT_RELEVANT'])[1 + floor(u_reason2 * 6)::int]]
            else array['CONTACT_INCOMPLETE', (array['INDUSTRY_NOT_TARGETED', 'REGION_NOT_SERVED', 'COMPANY_TOO_SMALL',
                'NEED_NOT_RELEVANT'])[1 + floor(u_reason2 * 4)::int]] end,
       0,
       grade,
       case grade when 'HIGH' then 80 + floor(u_grade * 100)::int % 21 when 'MEDIUM' then 50 + floor(u_grade * 1000)::int % 30
                  when 'LOW' then floor(u_grade * 1000)::int % 50 end,
       case when qualified then coalesce(t_regrade, t0 + interval '40 seconds') end,
       case when t_regrade is not null then 1 else 0 end,
       case when qualified then coalesce(case when t_reassign is not null then owner2 end, owner1) end,
       case when qualified then coalesce(t_reassign, t_assign) end,
       case when qualified then t_assign end,
       case when t_reassign is not null then 1 else 0 end,
       t_resp,
       case when t_resp is null then 0 else greatest(top_rank - 1, 1) end,
       stage, stage_at,
       case when outcome = 'WON' then 6 else top_rank end,
       outcome, t_out,
       case when outcome = 'WON' then (t_out at time zone 'Asia/Shanghai')::date end,
       case when outcome = 'LOST' then (t_out at time zone 'Asia/Shanghai')::date end,
       case when outcome = 'WON' then round(exp(ln(120000) + 0.7 * z_amt)::numeric, -2) end,
       case when outcome = 'WON' then 'CNY' end,
       case when outcome <> 'WON' or outcome is null then '{}'::text[]
            when u_reason < 0.5 then array[(array['产品功能匹配', '价格合理', '响应及时', '客户转介绍信任', '案例说服力'])[1 + floor(u_reason2 * 5)::int]]
            else array['产品功能匹配', (array['价格合理', '响应及时', '客户转介绍信任', '案例说服力'])[1 + floor(u_reason2 * 4)::int]] end,
       case when outcome = 'LOST' and t_resp is null then 'UNRESPONSIVE'
            when outcome = 'LOST' then case when source = 'TRADE_SHOW' and u_reason < 0.55 then 'BUDGET'
                else (array['BUDGET', 'TIMING', 'COMPETITOR', 'NO_NEED', 'SLOW_RESPONSE', 'OTHER'])[1 + floor(u_reason2 * 6)::int] end end,
       case when outcome = 'WON' then (t_out at time zone 'Asia/Shanghai')::date - (t0 at time zone 'Asia/Shanghai')::date end,
       case when breach_at is not null then 1 else 0 end,
       breach_at,
       null,
       greatest(t0 + interval '30 seconds', case when qualified then t_assign end, t_reassign, t_regrade, t_resp, stage_at, t_out, breach_at)
from seed;

-- Grade history: the first grade, and the regrade with its previous grade.
insert into lead_grade_history (generation, event_id, lead_id, grade, score, previous_grade, given, occurred_at)
select 1, gen_random_uuid(), 'LB' || lpad(i::text, 8, '0'),
       case when t_regrade is null then grade else (case grade when 'HIGH' then 'MEDIUM' else 'HIGH' end) end,
       null, null, false, t0 + interval '40 seconds'
from seed where qualified;
update lead_grade_history h set score = f.grade_score
  from lead_fact f where f.generation = 1 and f.lead_id = h.lead_id and h.generation = 1 and f.grade_changes = 0;
insert into lead_grade_history (generation, event_id, lead_id, grade, score, previous_grade, given, occurred_at)
select 1, gen_random_uuid(), 'LB' || lpad(i::text, 8, '0'), grade, null,
       case grade when 'HIGH' then 'MEDIUM' else 'HIGH' end, true, t_regrade
from seed where t_regrade is not null;
update lead_grade_history h set score = f.grade_score
  from lead_fact f where f.generation = 1 and f.lead_id = h.lead_id and h.generation = 1 and h.previous_grade is not null;

-- Stage moves: NEW -> CONTACTED at the first touch, then one step at a time up to the top rank, then WON / LOST.
insert into lead_stage_history (generation, event_id, lead_id, from_stage, to_stage, owner_id, occurred_at)
select 1, gen_random_uuid(), 'LB' || lpad(s.i::text, 8, '0'),
       (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[k - 1],
       (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[k],
       coalesce(case when s.t_reassign is not null then s.owner2 end, s.owner1),
       s.t_resp + (k - 2)::numeric / greatest(s.top_rank - 1, 1) * (s.t_end - s.t_resp)
from seed s, generate_series(2, s.top_rank) k
where s.t_resp is not null;
insert into lead_stage_history (generation, event_id, lead_id, from_stage, to_stage, owner_id, occurred_at)
select 1, gen_random_uuid(), 'LB' || lpad(i::text, 8, '0'),
       (array['NEW', 'CONTACTED', 'NEEDS_CONFIRMED', 'PROPOSAL', 'NEGOTIATION'])[top_rank], outcome,
       coalesce(case when t_reassign is not null then owner2 end, owner1), t_out
from seed where t_resp is not null and outcome is not null;

insert into sla_breach (generation, event_id, lead_id, grade, source, owner_id, assigned_at, deadline, occurred_at)
select 1, gen_random_uuid(), 'LB' || lpad(i::text, 8, '0'),
       case when t_regrade is null then grade else (case grade when 'HIGH' then 'MEDIUM' else 'HIGH' end) end, source,
       coalesce(case when t_reassign is not null then owner2 end, owner1), t_assign, deadline, breach_at
from seed where breach_at is not null;

drop table seed;
analyze lead_fact;
analyze lead_grade_history;
analyze lead_stage_history;
analyze sla_breach;
