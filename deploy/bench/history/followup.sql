-- deploy/bench/history/followup.sql: a year of follow-up history (the leads of common.sql) in followup-service's
-- database, shaped as the service's own code writes it. Run once on a freshly migrated database:
--
--   psql -h localhost -U leadflow -d <followup db> -v n=1000000 -v ON_ERROR_STOP=1 -qAtX -f deploy/bench/history/followup.sql
--
-- Per lead of history_lead (all captured, qualified, graded and assigned; events at registered_at and assigned_at):
--   lead_state      the profile (LeadCaptured), grade and owner (LeadAssigned: grade_at = assigned_at), the SLA clock as
--                   TaskScheduler.startCadence sets it under the template's defaults (policy version 1, never stored:
--                   cadence_policy stays empty): started at the registration; deadline HIGH 48 h, WEBSITE_FORM 24 h
--                   whatever the grade, none otherwise; sla_grade = grade; first_response_at/by = the first human
--                   follow-up; sla_breached_at where the 30-s scan found the deadline passed unanswered; stage and
--                   stage_changed_at = the last stage_change; WON/LOST fields as LeadService.recordOutcome writes them
--                   (closed_at = when it was recorded = common's closed_at; won_on/lost_on its date; CNY amounts from
--                   the budget; win factors joined by a line feed; lost reason codes, the note required with OTHER).
--   follow_up       Table 2, logged by the owner: the first response (a person's call/e-mail/WeChat/visit) of every
--                   lead past NEW, then one follow-up per recurring task done (logged with its taskId): HIGH 5-8 rows,
--                   MEDIUM 3-6, LOW 3-4 (its monthly newsletters: NEWSLETTER rows, human_touch false), fewer for leads
--                   only days old; DONE or IN_PROGRESS; a third of the human touches promise a next action
--                   ("M月D日前...", next_action_due) that becomes a NEXT_ACTION task. In working hours (09:00-19:00).
--   follow_up_task  what the code schedules: FIRST_RESPONSE (due at the deadline, when there is one; done by the first
--                   follow-up), the grade's recurring touches (WEEKLY_SYNC P7D; WEEKLY_TOUCH P7D + MONTHLY_INVITATION
--                   P1M; MONTHLY_NEWSLETTER P1M), each occurrence done by the follow-up that did it and the next one
--                   scheduled one interval after that touch; NEXT_ACTION tasks done with "complete" (3 % snoozed once
--                   first). An outcome CANCELs what is open. Open leads keep one OPEN task per recurring touch, due in the
--                   future (their last touches are recent), and their next actions not due yet.
--   stage_change    NEW -> CONTACTED by the first follow-up, the owner's moves one step at a time to the lead's stage
--                   (NURTURING for open LOW leads), then WON (from NEGOTIATION) or LOST (from where it got) at closed_at.
--   sla_breach      one row per breached clock (6 % of leads): the NEW leads left past their deadline, and the 3 % of
--                   clocked leads answered late.
--   task_snooze     one row per snoozed next action.
--   lead_key        follow-up's key of every lead it emitted typed text about (every lead past NEW: the first
--                   follow-up's LeadStageChanged has a reason). event_key: the keys KeysReader copied from the keys
--                   topic: intake's and routing's of every lead and follow-up's own. Wrapped bytes sha256-derived from
--                   the key id as intake.sql/routing.sql derive theirs (60 bytes); nothing of history is decrypted.
--   processed_event 'followup-leads' (LeadEventsHandler): LeadCaptured, LeadQualified, LeadGraded, LeadAssigned of the
--                   leads registered in the 89 days before :until; ids md5('<type>:<lead id>'), as intake.sql and
--                   routing.sql name those events. 89 days: the first housekeeping run (90 days) finds nothing.
--   outbox_event    every event follow-up emitted in the 6 days before :until, published (FollowUpScheduled,
--                   FollowUpTaskClosed, FollowUpLogged, LeadStageChanged, LeadWon, LeadLost, FirstResponseSlaBreached,
--                   the LeadKey records on leadflow.keys.v1), envelopes as EventJson writes them; a payload with typed
--                   text travels sealed (clear part "[erased]", random-looking ciphertext). Ids md5('<type>:<id>')
--                   (LeadWon/LeadLost: '<type>:<lead id>', as routing.sql marks them). 6 days: the relay's first
--                   cleanup (7 days) deletes nothing.
--
-- What the periodic jobs find at start: the SLA scan's partial index holds only the running clocks of the last two
-- days' NEW leads (about 220 at n = 1,000,000); those whose deadline (registration + 24 h) already passed on the day
-- the benchmark runs are reported by its first scan (none before 08:00, about 120 at 18:30), the rest as they come
-- due. Overdue work: common.sql leaves a fifth of the open HIGH/MEDIUM leads in NEW, never touched, so their
-- FIRST_RESPONSE and first recurring tasks stay OPEN and overdue, as the code leaves an ignored lead (about 187,000
-- open tasks at n = 1,000,000, all of NEW leads; no other open task is overdue).
--
-- Simplifications (the rest follows the code):
--   - no reassignments, regrades, regrade requests, reopened leads, merges, erasures or Table 2 imports; follow-ups
--     are DONE or IN_PROGRESS (no PLANNED rows); recurring tasks are only done through a follow-up;
--   - the week before :until is busier than the year's average: every open lead did its recurring touches within
--     their interval (so that no open task is overdue) although a lead has only 3-8 follow-ups in all, which puts
--     ~13 % of the follow-ups in that week and ~1.75 events per lead of history in the 6-day outbox;
--   - the B-tree indexes (keys included) of follow_up, follow_up_task, task_snooze, stage_change, sla_breach and
--     outbox_event are built after the load from their catalog definitions, so they are compact (leaves ~90 % full)
--     where a year of random inserts leaves ~70 %; the other tables' indexes grow row by row. All tables end vacuumed.
--   - event_key_position is left empty (its rows name the physical, prefixed keys topic of a run).
-- Deterministic: every choice is a hash of the lead number and a salt (pg_temp.hv/u); ids are md5-derived.
-- temp_buffers before common.sql makes the session's first temporary table: the working tables below stay in memory
set temp_buffers = '2GB';
\ir common.sql
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '256MB';
set jit = off;

-- The end of history: :until 00:00 in the business zone. Nothing below happens at or after it.
select (:'until'::date::timestamp at time zone 'Asia/Shanghai')::text as t_end \gset

-- Choices: hv() is a 32-bit hash of the lead (or its k-th touch) and a salt; u(v, i) its i-th 10-bit slice in [0, 1),
-- so one hash gives three independent choices. (Single-expression SQL functions: inlined by the planner.)
create or replace function pg_temp.hv(g bigint, salt text) returns int language sql immutable as
$$ select hashtext(g::text || ':' || salt) $$;
create or replace function pg_temp.u(v int, i int) returns double precision language sql immutable as
$$ select ((v >> (10 * i)) & 1023) / 1024.0::float8 $$;
create or replace function pg_temp.pick(a text[], x double precision) returns text language sql immutable as
$$ select a[1 + floor(x * array_length(a, 1))::int] $$;
-- A UUID shaped as UUID.randomUUID's (version 4, IETF variant) from a seed (one md5 of it).
create or replace function pg_temp.uuid4(seed text) returns text language sql immutable as $$
  select overlay(overlay(md5(seed)::uuid::text placing '4' from 15 for 1)
                 placing substr('89ab', 1 + length(seed) % 4, 1) from 20 for 1) $$;
-- A moment plus a Period in the business zone (ZonedDateTime.plus): P7D, P1M.
create or replace function pg_temp.plus_local(t timestamptz, p interval) returns timestamptz language sql immutable as
$$ select ((t at time zone 'Asia/Shanghai') + p) at time zone 'Asia/Shanghai' $$;
-- WorkingCalendar.endOfDay under the standard calendar: 18:00 of that day.
create or replace function pg_temp.eod(d date) returns timestamptz language sql immutable as
$$ select (d + time '18:00') at time zone 'Asia/Shanghai' $$;
-- A moment moved into its day's working window, 09:00-19:00 in the business zone (UTC+8 all year), keeping order: a
-- later moment never moves before an earlier one. People answer, log and move stages in working hours.
create or replace function pg_temp.wh(t timestamptz) returns timestamptz language sql immutable as $$
  select to_timestamp(floor((extract(epoch from t) + 28800) / 86400) * 86400 * (14.0 / 24)
                      + (extract(epoch from t) + 28800) * (10.0 / 24) + 32400 - 28800) $$;
-- 60 random-looking bytes: a wrapped key (12-byte nonce + 32-byte key + 16-byte tag), derived from the key id as
-- intake.sql and routing.sql derive their lead_key rows, so follow-up's event_key copies hold the same bytes.
create or replace function pg_temp.wrapped(key_id text) returns bytea language sql immutable as
$$ select sha256(convert_to(key_id, 'UTF8')) || substring(sha256(convert_to(key_id || ':2', 'UTF8')) from 1 for 28) $$;

---------------------------------------------------------------------------------------------------------------------
-- Per lead: the SLA clock, the first response, how many touches, when the last ones were, the stage path, the outcome.
drop table if exists pg_temp.fu;
create temp table fu as
with base as (
    select l.g, l.lead_id, l.grade, l.source, l.owner_id, l.owner_name, l.customer_name, l.contact_name,
           l.registered_at as r, l.assigned_at as a, l.outcome, l.closed_at as c, l.stage, l.budget_min,
           -- CadencePolicy.defaults: HIGH 48 h, WEBSITE_FORM 24 h whatever the grade (a source only tightens)
           case when l.source = 'WEBSITE_FORM' then l.registered_at + interval '24 hours'
                when l.grade = 'HIGH' then l.registered_at + interval '48 hours' end as d,
           coalesce(l.closed_at, :'t_end'::timestamptz) as e,
           pg_temp.hv(l.g, 'fu:a') as v1, pg_temp.hv(l.g, 'fu:b') as v2, pg_temp.hv(l.g, 'fu:c') as v3,
           pg_temp.hv(l.g, 'fu:d') as v4
      from history_lead l
    offset 0),
first_touch as (
    select b.*,
           -- when follow-up applied LeadAssigned (its clock): the cadence tasks' created_at
           b.a + (40 + floor(pg_temp.u(b.v4, 2) * 760)) * interval '1 millisecond' as p,
           -- the first human touch: in time (most soon after the assignment), 3 % of clocked leads late
           case when b.stage <> 'NEW' then
                least(case when b.d is not null and pg_temp.u(b.v1, 0) < 0.03
                                then b.d + interval '1 hour' + pg_temp.u(b.v1, 1) * interval '71 hours'
                           when b.d is not null
                                then b.a + (b.d - b.a) * (0.01 + 0.89 * pg_temp.u(b.v1, 2) ^ 2)
                           else b.a + interval '10 minutes' + pg_temp.u(b.v1, 2) ^ 2 * interval '3 days' end,
                      b.a + (b.e - b.a) * 0.5) end as f_raw
      from base b
    offset 0),
first_touch2 as (
    select b.*, case when b.f_raw is not null
                     then least(greatest(pg_temp.wh(b.f_raw), b.a + interval '3 minutes'), b.a + (b.e - b.a) * 0.6) end as f
      from first_touch b
    offset 0),
counts as (
    select t.*,
           case when t.f is null then 0
                else greatest(1, least(case t.grade when 'HIGH' then 5 + floor(pg_temp.u(t.v2, 0) * 4)::int
                                                    when 'MEDIUM' then 3 + floor(pg_temp.u(t.v2, 0) * 4)::int
                                                    else 3 + floor(pg_temp.u(t.v2, 0) * 2)::int end,
                                       1 + floor(extract(epoch from t.e - t.a) / 172800)::int)) end as k
      from first_touch2 t
    offset 0),
last_touch as (
    select c.*,
           -- the last touch: well before a closed lead's outcome; for an open lead within its shortest interval
           -- before the end of history, so the next occurrence it schedules is due in the future
           case when c.k < 2 then null
                when c.outcome <> 'OPEN' then c.f + (c.e - c.f) * (0.6 + 0.35 * pg_temp.u(c.v2, 1))
                else greatest(c.f + (c.e - c.f) * 0.5,
                              c.e - interval '1 hour' - pg_temp.u(c.v2, 1)
                                    * case when c.grade = 'LOW' then interval '25 days' else interval '6 days' end) end as tk
      from counts c
    offset 0)
select t.g, t.lead_id, t.grade, t.source, t.owner_id, t.owner_name, t.customer_name, t.contact_name, t.r, t.a, t.p,
       t.outcome, t.c, t.e, t.stage, t.budget_min, t.d, t.f, t.k, t.tk,
       -- an open MEDIUM lead's last monthly invitation: within 20 days before its last weekly touch
       case when t.grade = 'MEDIUM' and t.outcome = 'OPEN' and t.k >= 3
            then t.tk - least(interval '20 days', (t.tk - t.f) * 0.5) * (0.3 + 0.7 * pg_temp.u(t.v2, 2)) end as tkm1,
       -- the breach scan (every 30 s) found the deadline passed without a human touch
       case when t.d is not null and t.d < :'t_end'::timestamptz and (t.f is null or t.f > t.d)
            then t.d + (1 + floor(pg_temp.u(t.v3, 0) * 30)) * interval '1 second' end as breach_at,
       case when t.outcome = 'WON' then round(t.budget_min * (0.6 + 1.4 * pg_temp.u(t.v3, 1)) / 1000) * 1000 end
           as won_amount,
       case when t.outcome = 'WON' then
           array_to_string((array['需求明确','现场互动强','价格有竞争力','案例匹配','决策链清晰','服务响应快','需求明确','现场互动强'])
                               [1 + floor(pg_temp.u(t.v3, 2) * 6)::int : 1 + floor(pg_temp.u(t.v3, 2) * 6)::int + floor(pg_temp.u(t.v4, 0) * 3)::int],
                           E'\n') end as win_factors,
       case when t.outcome = 'LOST' then
           case when pg_temp.u(t.v4, 1) < 0.25 then 'BUDGET' when pg_temp.u(t.v4, 1) < 0.40 then 'TIMING'
                when pg_temp.u(t.v4, 1) < 0.60 then 'COMPETITOR' when pg_temp.u(t.v4, 1) < 0.72 then 'NO_NEED'
                when pg_temp.u(t.v4, 1) < 0.87 then 'UNRESPONSIVE'
                when pg_temp.u(t.v4, 1) < 0.92 then 'SLOW_RESPONSE' else 'OTHER' end end as lost_reason,
       -- the note: required with OTHER, written with some of the other reasons
       case when t.outcome = 'LOST' and (pg_temp.u(t.v4, 1) >= 0.92 or pg_temp.u(t.v1, 0) < 0.4) then
           case when pg_temp.u(t.v4, 1) < 0.25 then '预算不足,明年再议' when pg_temp.u(t.v4, 1) < 0.40 then '项目延期到下半年'
                when pg_temp.u(t.v4, 1) < 0.60 then '客户选择了竞品' when pg_temp.u(t.v4, 1) < 0.72 then '客户暂无需求'
                when pg_temp.u(t.v4, 1) < 0.87 then '多次联系无回复'
                when pg_temp.u(t.v4, 1) < 0.92 then '跟进响应慢,客户已另选供应商' else '客户公司业务调整,项目取消' end end
           as lost_note,
       -- the owner's stage moves after the first follow-up's NEW -> CONTACTED (one step at a time)
       case when t.stage = 'NEW' then '{}'::text[]
            when t.outcome = 'OPEN' then case t.stage when 'NEEDS_CONFIRMED' then '{NEEDS_CONFIRMED}'::text[]
                                                       when 'PROPOSAL' then '{NEEDS_CONFIRMED,PROPOSAL}'::text[]
                                                       when 'NEGOTIATION' then '{NEEDS_CONFIRMED,PROPOSAL,NEGOTIATION}'::text[]
                                                       when 'NURTURING' then '{NURTURING}'::text[]
                                                       else '{}'::text[] end
            when t.outcome = 'WON' then '{NEEDS_CONFIRMED,PROPOSAL,NEGOTIATION}'::text[]
            when t.grade = 'LOW' then case when pg_temp.u(t.v4, 2) < 0.5 then '{NURTURING}'::text[] else '{}'::text[] end
            else case when pg_temp.u(t.v4, 2) < 0.3 then '{}'::text[]
                      when pg_temp.u(t.v4, 2) < 0.6 then '{NEEDS_CONFIRMED}'::text[]
                      when pg_temp.u(t.v4, 2) < 0.85 then '{NEEDS_CONFIRMED,PROPOSAL}'::text[]
                      else '{NEEDS_CONFIRMED,PROPOSAL,NEGOTIATION}'::text[] end end as path
  from last_touch t;
alter table fu add primary key (g);
analyze fu;

---------------------------------------------------------------------------------------------------------------------
-- The follow-ups (Table 2): touch 1 is the first response; touch k >= 2 does the open task of one recurring touch
-- (HIGH: WEEKLY_SYNC; LOW: MONTHLY_NEWSLETTER; MEDIUM: the last one WEEKLY_TOUCH, the one before MONTHLY_INVITATION,
-- the others alternating), seq = its number among the touches of that kind.
drop table if exists pg_temp.fu_touch;
create temp table fu_touch as
with t0 as (
    select f.g, f.lead_id, f.grade, f.owner_id, f.owner_name, f.e, f.c, f.d, f.outcome, f.budget_min, f.f, f.k as kk,
           f.tk, f.tkm1, s.k,
           case when s.k = 1 then 'FIRST'
                when f.grade = 'HIGH' then 'WEEKLY_SYNC'
                when f.grade = 'LOW' then 'MONTHLY_NEWSLETTER'
                when s.k = f.k then 'WEEKLY_TOUCH'
                when s.k = f.k - 1 then 'MONTHLY_INVITATION'
                when s.k % 2 = 0 then 'WEEKLY_TOUCH' else 'MONTHLY_INVITATION' end as kind,
           case when s.k = 1 then 1
                when f.grade <> 'MEDIUM' then s.k - 1
                when s.k = f.k then (f.k - 2) / 2 + 1
                when s.k = f.k - 1 then (f.k - 3) / 2 + 1
                else s.k / 2 end as seq,
           pg_temp.hv(f.g, 'fu:t' || s.k) as w1, pg_temp.hv(f.g, 'fu:s' || s.k) as w2,
           pg_temp.hv(f.g, 'fu:x' || s.k) as w3
      from fu f cross join lateral generate_series(1, f.k) s(k)
     where f.k > 0
    offset 0),
t0b as (
    select t0.*,
           case when t0.k = 1 then t0.f
                when t0.k = t0.kk then t0.tk
                when t0.tkm1 is not null and t0.k = t0.kk - 1 then t0.tkm1
                else t0.f + (coalesce(t0.tkm1, t0.tk) - t0.f)
                            * ((t0.k - 1) + 0.6 * (pg_temp.u(t0.w1, 0) - 0.5))
                            / (case when t0.tkm1 is not null then t0.kk - 2 else t0.kk - 1 end) end as t
      from t0
    offset 0),
t1 as (
    select t0.*,
           case when t0.k = 1 then t0.f
                else greatest(t0.f + t0.k * interval '1 minute', least(pg_temp.wh(t0.t), t0.e - (t0.e - t0.t) * 0.5)) end
               as contacted_at,
           case when t0.k = 1 then
                     pg_temp.pick(case t0.grade when 'HIGH' then array['PHONE','PHONE','PHONE','WECHAT','EMAIL','VISIT']
                                                when 'MEDIUM' then array['PHONE','PHONE','EMAIL','WECHAT']
                                                else array['PHONE','EMAIL','PHONE'] end, pg_temp.u(t0.w2, 0))
                when t0.kind = 'WEEKLY_SYNC' then pg_temp.pick(array['PHONE','PHONE','MEETING','WECHAT','VISIT'], pg_temp.u(t0.w2, 0))
                when t0.kind = 'WEEKLY_TOUCH' then pg_temp.pick(array['PHONE','EMAIL'], pg_temp.u(t0.w2, 0))
                when t0.kind = 'MONTHLY_INVITATION' then pg_temp.pick(array['WEBINAR','DEMO'], pg_temp.u(t0.w2, 0))
                else 'NEWSLETTER' end as method
      from t0b t0
    offset 0),
t2 as (
    select t1.*,
           -- logged at once without contactedAt (then contacted = created = now), or a while later with the time
           t1.contacted_at + least(case when pg_temp.u(t1.w1, 1) < 0.5 then interval '0'
                                        else interval '2 minutes' + pg_temp.u(t1.w1, 2) * interval '3 hours' end,
                                   (coalesce(lead(t1.contacted_at) over (partition by t1.g order by t1.k), t1.e)
                                    - t1.contacted_at) * 0.5) as created_at,
           case when t1.method <> 'NEWSLETTER' and pg_temp.u(t1.w3, 2) < 0.33
                then (t1.contacted_at at time zone 'Asia/Shanghai')::date + 2 + floor(pg_temp.u(t1.w2, 2) * 9)::int
           end as next_action_due
      from t1
    offset 0)
select t2.g, t2.lead_id, t2.grade, t2.owner_id, t2.owner_name, t2.e, t2.c, t2.outcome, t2.k, t2.kind, t2.seq,
       t2.contacted_at, t2.created_at, t2.method, t2.next_action_due,
       'F-' || pg_temp.uuid4('F:' || t2.lead_id || ':' || t2.k) as id,
       case when t2.k > 1 and t2.method <> 'NEWSLETTER' and pg_temp.u(t2.w2, 1) < 0.1 then 'IN_PROGRESS' else 'DONE' end
           as status,
       t2.method <> 'NEWSLETTER' as human_touch,
       case t2.method
            when 'PHONE' then pg_temp.pick(array['电话沟通需求,介绍CRM系统核心功能','电话回访,了解方案评估进展','电话沟通价格政策与交付周期'], pg_temp.u(t2.w3, 0))
            when 'EMAIL' then pg_temp.pick(array['发送产品资料及同行业客户案例','邮件发送方案及报价说明'], pg_temp.u(t2.w3, 0))
            when 'WECHAT' then pg_temp.pick(array['企业微信沟通,解答产品疑问','微信发送演示视频,约定下次沟通'], pg_temp.u(t2.w3, 0))
            when 'VISIT' then pg_temp.pick(array['上门拜访,了解现场业务流程','实地考察客户门店,梳理需求'], pg_temp.u(t2.w3, 0))
            when 'MEETING' then pg_temp.pick(array['线上会议演示方案细节','与客户IT负责人会议,确认对接方案'], pg_temp.u(t2.w3, 0))
            when 'WEBINAR' then '邀请参加本月线上研讨会'
            when 'DEMO' then '产品演示,讲解销售管理与报表模块'
            else '推送本月行业资讯与产品动态' end as content,
       case when t2.method = 'NEWSLETTER' or pg_temp.u(t2.w3, 1) < 0.35 then null
            else pg_temp.pick(array['预算约' || (t2.budget_min / 10000) || '万,需看详细方案', '客户有兴趣,需内部讨论',
                                    '方案需补充竞品对比', '关注交付周期和售后服务', '决策人下周出差,回来再约'],
                              pg_temp.u(t2.w1, 0)) end as feedback,
       case when t2.next_action_due is not null then
           extract(month from t2.next_action_due) || '月' || extract(day from t2.next_action_due) || '日前'
           || pg_temp.pick(array['发送定制方案','确认演示时间','跟进报价反馈','约上门拜访','回复技术问题'], pg_temp.u(t2.w2, 1)) end
           as next_action,
       case when t2.next_action_due is not null then 'T-' || pg_temp.uuid4('T:' || t2.lead_id || ':NA:' || t2.k) end as task_id,
       -- the task the follow-up did: the first response's, or the open occurrence of its recurring touch
       case when t2.k = 1 then case when t2.d is not null then 'T-' || pg_temp.uuid4('T:' || t2.lead_id || ':FR') end
            else 'T-' || pg_temp.uuid4('T:' || t2.lead_id || ':' || t2.kind || ':' || (t2.seq - 1)) end as completed_task_id
  from t2;
analyze fu_touch;


---------------------------------------------------------------------------------------------------------------------
-- The stage history: the first follow-up's NEW -> CONTACTED, the owner's moves (in working hours, after it), the outcome.
drop table if exists pg_temp.fu_stage;
create temp table fu_stage as
select f.g, f.lead_id, 'NEW' as from_stage, 'CONTACTED' as to_stage, f.owner_id as changed_by,
       'first follow-up logged (' || t.method || ')' as reason, t.contacted_at as changed_at, t.created_at as recorded_at,
       0 as j
  from fu f join fu_touch t on t.g = f.g and t.k = 1
union all
select f.g, f.lead_id, case when j = 1 then 'CONTACTED' else f.path[j - 1] end, f.path[j], f.owner_id,
       case when pg_temp.u(s.w, 0) < 0.5 then null
            else case f.path[j] when 'NEEDS_CONFIRMED' then pg_temp.pick(array['客户确认预算范围','需求已确认,进入方案阶段','客户明确了采购时间'], pg_temp.u(s.w, 1))
                                when 'PROPOSAL' then pg_temp.pick(array['已发送定制方案及报价','方案报价已提交客户评审'], pg_temp.u(s.w, 1))
                                when 'NEGOTIATION' then pg_temp.pick(array['客户进入商务谈判','价格与付款方式谈判中'], pg_temp.u(s.w, 1))
                                else pg_temp.pick(array['暂无采购计划,转入培育','客户预算明年才批,长期培育'], pg_temp.u(s.w, 1)) end end,
       s.at, s.at, j
  from fu f join fu_touch t on t.g = f.g and t.k = 1
  cross join lateral generate_series(1, cardinality(f.path)) j
  cross join lateral (select x.w, greatest(t.created_at + (f.e - t.created_at) * (0.1 * j / (cardinality(f.path) + 2)),
                                           least(pg_temp.wh(x.at), f.e - (f.e - x.at) * 0.5)) as at
                        from (select y.w, t.created_at + (f.e - t.created_at)
                                           * ((j - 1) + 0.2 + 0.6 * pg_temp.u(y.w, 2)) / (cardinality(f.path) + 1) as at
                                from (select pg_temp.hv(f.g, 'fu:st' || j) as w offset 0) y
                              offset 0) x
                      offset 0) s
union all
select f.g, f.lead_id, coalesce(f.path[cardinality(f.path)], 'CONTACTED'), f.outcome, f.owner_id,
       case when f.outcome = 'WON' then 'won ' || f.won_amount::bigint || ' CNY'
            else 'lost: ' || f.lost_reason || coalesce(' (' || f.lost_note || ')', '') end,
       f.c, f.c, 99
  from fu f
 where f.outcome <> 'OPEN';
analyze fu_stage;

---------------------------------------------------------------------------------------------------------------------
-- The service's tables, each filled in the order its rows were written. One transaction: a failure leaves the
-- database as migrated. The foreign keys are checked once, when they are added back at the end (same names and
-- definitions as V10's), instead of row by row.
begin;
-- The keys, foreign keys and indexes of the tables loaded in bulk, exactly as the migrations made them (read from the
-- catalog): dropped for the load and made again after it (\gexec), so the foreign keys are checked once and the
-- B-trees built by sorting instead of by millions of random inserts into pages the small shared_buffers evicts.
create temp table fu_ddl as
select c.conname as name, c.contype as type,
       format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop_sql,
       format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) as create_sql
  from pg_constraint c
 where c.conrelid = any (array['follow_up', 'follow_up_task', 'task_snooze', 'stage_change', 'sla_breach',
                               'outbox_event']::regclass[])
   and c.contype in ('p', 'u', 'f')
union all
select i.indexrelid::regclass::text, 'i', format('drop index %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
  from pg_index i
 where i.indrelid = any (array['follow_up', 'follow_up_task', 'task_snooze', 'stage_change', 'sla_breach',
                               'outbox_event']::regclass[])
   and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid);
select drop_sql from fu_ddl order by type <> 'f', name \gexec

insert into lead_state (lead_id, customer_name, contact_name, source, registered_at, grade, grade_at, owner_id,
                        owner_name, assigned_at, stage, stage_changed_at, closed_at, won_on, won_amount, won_currency,
                        win_factors, lost_on, lost_reason, lost_note, erased_at, sla_deadline, sla_grade,
                        sla_policy_version, first_response_at, first_response_by, sla_breached_at, updated_at,
                        sla_started_at, erased_by, merged_into)
select f.lead_id, f.customer_name, f.contact_name, f.source, f.r, f.grade, f.a, f.owner_id, f.owner_name, f.a,
       f.stage, st.changed_at, f.c,
       case when f.outcome = 'WON' then (f.c at time zone 'Asia/Shanghai')::date end, f.won_amount,
       case when f.outcome = 'WON' then 'CNY' end, f.win_factors,
       case when f.outcome = 'LOST' then (f.c at time zone 'Asia/Shanghai')::date end, f.lost_reason,
       f.lost_note, null, f.d, f.grade, 1, f.f,
       case when f.f is not null then f.owner_id end, f.breach_at, greatest(f.p, st.recorded_at), f.r, null, null
  from fu f
  left join (select distinct on (g) g, changed_at, recorded_at from fu_stage order by g, j desc) st on st.g = f.g
 order by f.g;

insert into follow_up (id, lead_id, owner_id, owner_name, logged_by, contacted_at, method, status, human_touch, content,
                       feedback, next_action, next_action_due, task_id, completed_task_id, import_id, created_at)
select id, lead_id, owner_id, owner_name, owner_id, contacted_at, method, status, human_touch, content, feedback,
       next_action, next_action_due, task_id, completed_task_id, null, created_at
  from fu_touch
 order by created_at, g, k;

-- The tasks, as the code creates and closes them.
insert into follow_up_task (id, lead_id, owner_id, owner_name, kind, method, title, grade, every, due_at,
                            original_due_at, status, policy_version, from_follow_up_id, snooze_count, snooze_reason,
                            created_at, closed_at, closed_by, close_reason, snoozed_by, snoozed_at)
select id, lead_id, owner_id, owner_name, kind, method, title, grade, every, due_at, original_due_at, status,
       policy_version, from_follow_up_id, case when snoozed_at is not null then 1 else 0 end, snooze_reason,
       created_at, closed_at, closed_by, close_reason, case when snoozed_at is not null then owner_id end, snoozed_at
  from (
    -- FIRST_RESPONSE: scheduled with the assignment when the clock has a deadline; done by the first follow-up
    select f.g, f.lead_id, 'T-' || pg_temp.uuid4('T:' || f.lead_id || ':FR') as id, f.owner_id, f.owner_name,
           'FIRST_RESPONSE' as kind, 'PHONE' as method, '首次响应:沟通方案细节、价格政策、交付周期' as title, f.grade,
           null::text as every, f.d as due_at, f.d as original_due_at,
           case when t.id is null then 'OPEN' else 'DONE' end as status, 1 as policy_version, null::text as from_follow_up_id,
           f.p as created_at, t.created_at as closed_at, case when t.id is not null then f.owner_id end as closed_by,
           case when t.id is not null then 'first response logged as follow-up ' || t.id end as close_reason,
           null::timestamptz as snoozed_at, null::timestamptz as due_before, null::text as snooze_reason
      from fu f left join fu_touch t on t.g = f.g and t.k = 1
     where f.d is not null
    union all
    -- the recurring touches: occurrence 0 with the assignment, occurrence i by the i-th follow-up of that kind (due one
    -- interval after that touch), each done by the next follow-up of its kind; what is left open is cancelled by an outcome
    select x.g, x.lead_id, 'T-' || pg_temp.uuid4('T:' || x.lead_id || ':' || x.kind || ':' || x.i), x.owner_id, x.owner_name,
           x.kind, x.method, x.title, x.grade, x.every, x.due, x.due,
           case when x.closer_id is not null then 'DONE' when x.c is not null then 'CANCELLED' else 'OPEN' end,
           1, null, x.created,
           case when x.closer_id is not null then x.closer_created else x.c end,
           case when x.closer_id is not null or x.c is not null then x.owner_id end,
           case when x.closer_id is not null then 'done as follow-up ' || x.closer_id
                when x.c is not null then 'lead ' || lower(x.outcome) end,
           null, null, null
      from (select s.*,
                   lead(s.creator_id) over w as closer_id, lead(s.created) over w as closer_created,
                   pg_temp.plus_local(s.base, s.every::interval) as due
              from (select f.g, f.lead_id, f.owner_id, f.owner_name, f.grade, f.c, f.outcome, k.kind, k.method, k.title,
                           k.every, 0 as i, f.p as created, f.a as base, null::text as creator_id
                      from fu f
                      join (values ('HIGH', 'WEEKLY_SYNC', 'PHONE', '每周同步进展,及时解决客户疑虑', 'P7D'),
                                   ('MEDIUM', 'WEEKLY_TOUCH', 'PHONE', '每周电话/邮件触达,传递行业案例与产品优势', 'P7D'),
                                   ('MEDIUM', 'MONTHLY_INVITATION', 'WEBINAR', '每月邀请参加线上研讨会或产品演示', 'P1M'),
                                   ('LOW', 'MONTHLY_NEWSLETTER', 'NEWSLETTER', '每月推送行业资讯或产品动态', 'P1M'))
                           k(grade, kind, method, title, every) on k.grade = f.grade
                    union all
                    select t.g, t.lead_id, t.owner_id, t.owner_name, t.grade, t.c, t.outcome, t.kind, k.method, k.title,
                           k.every, t.seq, t.created_at, t.contacted_at, t.id
                      from fu_touch t
                      join (values ('WEEKLY_SYNC', 'PHONE', '每周同步进展,及时解决客户疑虑', 'P7D'),
                                   ('WEEKLY_TOUCH', 'PHONE', '每周电话/邮件触达,传递行业案例与产品优势', 'P7D'),
                                   ('MONTHLY_INVITATION', 'WEBINAR', '每月邀请参加线上研讨会或产品演示', 'P1M'),
                                   ('MONTHLY_NEWSLETTER', 'NEWSLETTER', '每月推送行业资讯或产品动态', 'P1M'))
                           k(kind, method, title, every) on k.kind = t.kind) s
            window w as (partition by s.g, s.kind order by s.i)) x
    union all
    -- NEXT_ACTION: a follow-up's promised next step, due at the end of its day; done with "complete" (about 3 % snoozed
    -- once first), cancelled by an outcome, or still open when not due yet
    select y.g, y.lead_id, y.task_id, y.owner_id, y.owner_name, 'NEXT_ACTION', 'PHONE', y.next_action, y.grade, null,
           y.due, y.original_due,
           case when y.done_at < y.e then 'DONE' when y.c is not null then 'CANCELLED' else 'OPEN' end,
           null, y.id, y.created_at,
           case when y.done_at < y.e then y.done_at else y.c end,
           case when y.done_at < y.e or y.c is not null then y.owner_id end,
           case when y.done_at < y.e then pg_temp.pick(array['completed','completed','已按约定完成','客户已确认'], pg_temp.u(y.w5, 0))
                when y.c is not null then 'lead ' || lower(y.outcome) end,
           y.snoozed_at, case when y.snoozed_at is not null then y.original_due end,
           case when y.snoozed_at is not null
                then pg_temp.pick(array['客户出差,下周回来','客户内部评审中,推迟几天','等待客户确认时间'], pg_temp.u(y.w5, 1)) end
      from (select z.*, greatest(pg_temp.wh(z.due - pg_temp.u(z.w5, 2) * interval '30 hours'),
                                 coalesce(z.snoozed_at, z.created_at) + interval '1 minute') as done_at
              from (select t.*, sn.original_due, sn.w5,
                           case when sn.at is not null then pg_temp.eod(t.next_action_due + 1 + floor(pg_temp.u(sn.w6, 1) * 5)::int)
                                else sn.original_due end as due,
                           sn.at as snoozed_at
                      from fu_touch t
                      cross join lateral (
                          select o.original_due, o.w5, o.w6,
                                 case when pg_temp.u(o.w6, 0) < 0.03
                                           and t.created_at + (o.original_due - t.created_at) * 0.8 < t.e
                                      then greatest(t.created_at + interval '1 minute',
                                                    pg_temp.wh(t.created_at + (o.original_due - t.created_at) * (0.3 + 0.5 * pg_temp.u(o.w6, 2))))
                                 end as at
                            from (select pg_temp.eod(t.next_action_due) as original_due,
                                         pg_temp.hv(t.g, 'fu:y' || t.k) as w5, pg_temp.hv(t.g, 'fu:z' || t.k) as w6
                                  offset 0) o
                          offset 0) sn
                     where t.next_action_due is not null
                    offset 0) z
            offset 0) y
  ) t
 order by created_at, g, id;

insert into task_snooze (task_id, lead_id, snoozed_by, snoozed_at, due_before, due_after, reason)
select id, lead_id, snoozed_by, snoozed_at, original_due_at, due_at, snooze_reason
  from follow_up_task where snoozed_at is not null
 order by snoozed_at;

insert into stage_change (lead_id, from_stage, to_stage, changed_by, reason, reopened, changed_at, recorded_at)
select lead_id, from_stage, to_stage, changed_by, reason, false, changed_at, recorded_at
  from fu_stage
 order by recorded_at, g, j;

insert into sla_breach (lead_id, grade, source, owner_id, assigned_at, deadline, detected_at)
select lead_id, grade, source, owner_id, a, d, breach_at
  from fu where breach_at is not null
 order by breach_at;

-- follow-up's own key: made by the first event carrying typed text (the first follow-up's LeadStageChanged)
insert into lead_key (lead_id, key_id, wrapped, created_at)
select lead_id, 'followup-service/' || lead_id, pg_temp.wrapped('followup-service/' || lead_id), created_at
  from fu_touch where k = 1
 order by created_at;

-- the keys read from the keys topic: intake's (LeadCaptured), routing's (LeadGraded's reasons) and its own
insert into event_key (key_id, lead_id, wrapped)
select key_id, lead_id, pg_temp.wrapped(key_id)
  from (select 'lead-intake-service/' || lead_id as key_id, lead_id, r as at from fu
        union all select 'lead-routing-service/' || lead_id, lead_id, a - interval '20 milliseconds' from fu
        union all select 'followup-service/' || lead_id, lead_id, created_at from fu_touch where k = 1) k
 order by at;

-- LeadEventsHandler's marks of the events it applied in the 89 days before :until (event ids md5('<type>:<lead id>'),
-- as intake.sql and routing.sql name those events in their outboxes)
insert into processed_event (consumer, event_id, processed_at)
select 'followup-leads', md5(e.type || ':' || f.lead_id)::uuid,
       e.at + (30 + floor(pg_temp.u(pg_temp.hv(f.g, 'fu:pe'), e.i) * 370)) * interval '1 millisecond'
  from fu f
  cross join lateral (values ('LeadCaptured', f.r, 0),
                             ('LeadQualified', f.r + interval '180 milliseconds', 1),
                             ('LeadGraded', f.a - interval '20 milliseconds', 2),
                             ('LeadAssigned', f.a, 0)) e(type, at, i)
 where f.r >= :'t_end'::timestamptz - interval '89 days'
 order by 3;

drop table fu_stage;
drop table fu_touch;

---------------------------------------------------------------------------------------------------------------------
-- The outbox: every event of the last 6 days, published. Envelopes as EventJson writes them (nulls left out); an
-- event holding typed text travels sealed: its clear part ("[erased]" for the text) and the whole, encrypted.
create or replace function pg_temp.iso(t timestamptz) returns text language sql immutable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
         || case when extract(microseconds from t)::bigint % 1000000 = 0 then ''
                 when extract(microseconds from t)::bigint % 1000 = 0 then to_char(t at time zone 'UTC', '.MS')
                 else to_char(t at time zone 'UTC', '.US') end || 'Z' $$;
-- base64 (no line breaks) of n random-looking bytes
create or replace function pg_temp.b64(seed text, n int) returns text language sql immutable as $$
  select translate(encode(substring(decode(repeat(encode(sha256(convert_to(seed, 'UTF8')) || sha256(convert_to(seed || ':2', 'UTF8'))
                                                         || sha256(convert_to(seed || ':3', 'UTF8')), 'hex'), (n + 95) / 96), 'hex')
                                    from 1 for n), 'base64'), E'\n', '') $$;

insert into outbox_event (event_id, topic, lead_id, event_type, envelope, created_at, published_at, record_key)
select md5(e.seed)::uuid, e.topic, e.lead_id, e.event_type,
       case when e.event_type = 'LeadKey' then e.payload
            else '{"eventId":"' || md5(e.seed)::uuid || '","eventType":"' || e.event_type
                 || '","schemaVersion":1,"leadId":"' || e.lead_id || '","occurredAt":"' || pg_temp.iso(e.at)
                 || '","producer":"followup-service","payload":' || coalesce(e.clear, e.payload)
                 || case when e.clear is not null
                         then ',"sealed":{"keyId":"followup-service/' || e.lead_id || '","nonce":"'
                              || pg_temp.b64('N:' || e.seed, 12) || '","ciphertext":"'
                              || pg_temp.b64('X:' || e.seed, octet_length(e.payload) + 16) || '"}' else '' end
                 || '}' end,
       e.at, e.at + (15 + floor(pg_temp.u(hashtext(e.seed), 0) * 400)) * interval '1 millisecond', e.record_key
  from (
    -- FollowUpScheduled: a task put on a list (TaskScheduler.schedule), again when snoozed
    select created_at as at, case when kind = 'NEXT_ACTION' then 3 else 2 end as ord, lead_id,
           'FollowUpScheduled' as event_type, 'leadflow.followup.v1' as topic, null::text as record_key,
           'FollowUpScheduled:' || id as seed,
           '{"taskId":"' || id || '","ownerId":"' || owner_id || '","grade":"' || grade || '","kind":"' || kind
           || '","method":"' || method || '","dueAt":"' || pg_temp.iso(original_due_at) || '"}' as payload, null::text as clear
      from follow_up_task where created_at >= :'t_end'::timestamptz - interval '6 days'
    union all
    select snoozed_at, 1, lead_id, 'FollowUpScheduled', 'leadflow.followup.v1', null, 'FollowUpScheduled:' || id || ':snoozed',
           '{"taskId":"' || id || '","ownerId":"' || owner_id || '","grade":"' || grade || '","kind":"' || kind
           || '","method":"' || method || '","dueAt":"' || pg_temp.iso(due_at) || '"}', null
      from follow_up_task where snoozed_at >= :'t_end'::timestamptz - interval '6 days'
    union all
    -- FollowUpTaskClosed: done (by a follow-up, or "complete") or cancelled (an outcome)
    select closed_at, case when status = 'CANCELLED' then 6 else 1 end, lead_id, 'FollowUpTaskClosed',
           'leadflow.followup.v1', null, 'FollowUpTaskClosed:' || id,
           '{"taskId":"' || id || '","ownerId":"' || owner_id || '","kind":"' || kind || '","status":"' || status
           || '","closedBy":"' || closed_by || '","closedAt":"' || pg_temp.iso(closed_at) || '"'
           || coalesce(',"followUpId":"' || substring(close_reason from '^(?:first response logged|done) as follow-up (F-.*)$') || '"', '')
           || '}', null
      from follow_up_task where closed_at >= :'t_end'::timestamptz - interval '6 days'
    union all
    -- FollowUpLogged
    select created_at, 8, lead_id, 'FollowUpLogged', 'leadflow.followup.v1', null, 'FollowUpLogged:' || id, p || n || '}',
           case when n <> '' then p || ',"nextAction":"[erased]"' || coalesce(',"nextActionDue":"' || to_char(next_action_due, 'YYYY-MM-DD') || '"', '') || '}' end
      from (select *, '{"followUpId":"' || id || '","ownerId":"' || owner_id || '","contactedAt":"' || pg_temp.iso(contacted_at)
                      || '","method":"' || method || '","status":"' || status || '","humanTouch":' || human_touch as p,
                   coalesce(',"nextAction":' || to_json(next_action)::text, '')
                   || coalesce(',"nextActionDue":"' || to_char(next_action_due, 'YYYY-MM-DD') || '"', '') as n
              from follow_up where created_at >= :'t_end'::timestamptz - interval '6 days' offset 0) f
    union all
    -- LeadStageChanged
    select s.recorded_at, 5, s.lead_id, 'LeadStageChanged', 'leadflow.followup.v1', null, 'LeadStageChanged:' || s.lead_id || ':' || s.id,
           p || coalesce(',"reason":' || to_json(s.reason)::text, '') || q,
           case when s.reason is not null then p || ',"reason":"[erased]"' || q end
      from (select s.*, '{"fromStage":"' || s.from_stage || '","toStage":"' || s.to_stage || '","ownerId":"' || l.owner_id || '"' as p,
                   ',"changedAt":"' || pg_temp.iso(s.changed_at) || '","reopened":false}' as q
              from stage_change s join lead_state l using (lead_id)
             where s.recorded_at >= :'t_end'::timestamptz - interval '6 days' offset 0) s
    union all
    -- LeadWon / LeadLost
    select closed_at, 7, lead_id, 'LeadWon', 'leadflow.followup.v1', null, 'LeadWon:' || lead_id,
           p || array_to_json(string_to_array(win_factors, E'\n'))::text || q, p || '[]' || q
      from (select *, '{"wonOn":"' || to_char(won_on, 'YYYY-MM-DD') || '","amount":{"amount":' || won_amount::bigint || ',"currency":"'
                      || won_currency || '"},"winFactors":' as p, ',"ownerId":"' || owner_id || '"}' as q
              from lead_state where stage = 'WON' and closed_at >= :'t_end'::timestamptz - interval '6 days' offset 0) w
    union all
    select closed_at, 7, lead_id, 'LeadLost', 'leadflow.followup.v1', null, 'LeadLost:' || lead_id,
           p || coalesce(',"note":' || to_json(lost_note)::text, '') || q,
           case when lost_note is not null then p || ',"note":"[erased]"' || q end
      from (select *, '{"lostOn":"' || to_char(lost_on, 'YYYY-MM-DD') || '","reason":"' || lost_reason || '"' as p,
                   ',"ownerId":"' || owner_id || '"}' as q
              from lead_state where stage = 'LOST' and closed_at >= :'t_end'::timestamptz - interval '6 days' offset 0) o
    union all
    -- FirstResponseSlaBreached
    select b.detected_at, 4, b.lead_id, 'FirstResponseSlaBreached', 'leadflow.followup.v1', null, 'FirstResponseSlaBreached:' || b.lead_id,
           '{"grade":"' || b.grade || '","source":"' || b.source || '","ownerId":"' || b.owner_id || '","assignedAt":"'
           || pg_temp.iso(b.assigned_at) || '","deadline":"' || pg_temp.iso(b.deadline) || '","clockStartedAt":"'
           || pg_temp.iso(l.sla_started_at) || '"}', null
      from sla_breach b join lead_state l using (lead_id)
     where b.detected_at >= :'t_end'::timestamptz - interval '6 days'
    union all
    -- the key records, on the keys topic with the first event sealed with the key
    select created_at, 0, lead_id, 'LeadKey', 'leadflow.keys.v1', key_id, 'LeadKey:' || key_id,
           '{"keyId":"' || key_id || '","leadId":"' || lead_id || '","producer":"followup-service","wrapped":"'
           || replace(encode(wrapped, 'base64'), E'\n', '') || '"}', null
      from lead_key where created_at >= :'t_end'::timestamptz - interval '6 days'
    offset 0
  ) e
 order by e.at, e.ord, e.seed;

select create_sql from fu_ddl order by type = 'f', name \gexec
commit;

-- A year-old service's tables have been vacuumed all along: hint bits set and pages all-visible, so neither the
-- benchmark's first reads nor an autovacuum of twenty million fresh rows land in its measured windows.
vacuum (analyze) lead_state, follow_up, follow_up_task, task_snooze, stage_change, sla_breach, lead_key, event_key,
                 processed_event, outbox_event;
