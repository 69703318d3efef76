-- deploy/bench/history/routing.sql: a year of history in lead-routing-service's database, as the service itself would
-- have written it while grading and assigning the leads of common.sql (history_lead) live, one by one. Run once on a
-- freshly migrated database (lead-events' V1-V5, routing's V10-V16) AFTER the bench added its roster of eighteen reps
-- (bench-SENIOR-1..6, bench-JUNIOR-1..6, bench-NURTURE-1..6), as the tables' owner:
--     psql -h localhost -U leadflow -d <db> -v n=1000000 -v ON_ERROR_STOP=1 -qAtX -f deploy/bench/history/routing.sql
-- Set-based (one INSERT ... SELECT per table, rows in the order the service wrote them), deterministic (pg_temp.h,
-- md5/sha256 of ids), all in one transaction. It uses the roster's reps (never adds or renames one) and refuses to
-- run without them; on a database that already holds leads it does nothing.
--
-- What a lead g leaves here, and where the shape comes from:
--   lead            IntakeEventsHandler -> GradingService.qualified: the row made by LeadRepository.lockOrCreate, the
--                   profile as GradingService.store keeps it (LeadProfile JSON as Json.write writes it: Jackson field
--                   order, nulls left out, no contact data), graded by the default grading policy v1 (Grader.score:
--                   every reason in its words), status OPEN/WON/LOST as common.sql's outcome (LeadLifecycleService
--                   .closed a few ms after followup's LeadWon/LeadLost), never queued (every lead found a rep).
--                   The profile fields common.sql does not carry (need description, declared intent, budget max and
--                   text, source detail, utm) are derived exactly as deploy/bench/history/intake.sql derives them
--                   (same salts), so both services hold the same profile.
--   grade           common.sql's grade. Where the default policy gives that grade from the profile, origin POLICY;
--                   where it cannot (common.sql's grade is drawn apart from the decision cycle and the rest, e.g. HIGH
--                   with a 180-day cycle or LOW with a 14-day one: ~65 % of leads), the grade came with the lead
--                   (Grader.gradeNew: profile givenGrade, origin GIVEN, a GIVEN_GRADE reason first).
--   grade_history   one row per lead: the first grade (previous_grade null, reason as applyGrade writes it).
--   assignment      by the default assignment policy v1 (high-senior LEAST_LOADED, medium-junior ROUND_ROBIN,
--                   low-nurture ROUND_ROBIN) to common.sql's owner, with Router's why (the owner's open leads at that
--                   moment, counted from these rows); active for OPEN leads, ended with end_reason WON/LOST (ended_by
--                   null) for closed ones. ~5 % were reassigned once by a sales manager (AssignmentService.reassign to
--                   a named rep: rule/strategy MANUAL, reason typed, assigned_by/ended_by the manager) from another rep
--                   of the same pool to common.sql's owner, leaving an inactive REASSIGNED row.
--   rep             open_leads = the number of active assignments per rep (V12's triggers are disabled for the bulk
--                   insert and the counters set from a recount, exactly what the triggers would have left);
--                   last_turn = the rep_turn_seq value of the rep's latest assignment (AssignmentService.assign takes
--                   one turn per assignment, in time order, after the roster's), and rep_turn_seq set after them.
--   erased leads    ~0.1 %, mirroring intake.sql's erasures (h(g,'erase') < 0.001, its erased_at formula, requested by
--                   admin.zhou): LeadLifecycleService.erased + LeadEvents.forget leave status ERASED, the profile
--                   withoutPersonalData, grade reasons '[]', a manual reassignment's why/reason '[erased]', an open
--                   assignment ended ERASED, no lead_key/event_key/outbox rows, an outbox_forgotten_lead row.
--   lead_key        LeadKeys: 'lead-routing-service/<id>' per graded live lead (LeadGraded carries reasons, so it is
--                   sealed); 60 wrapped bytes (nonce 12 + key 32 + tag 16), here sha256-derived, never unwrapped.
--   event_key       what KeysReader copied from the compacted keys topic: every producer's key of a live lead, i.e.
--                   intake's (it seals LeadCaptured/LeadQualified), routing's own, and follow-up's for leads past stage
--                   NEW (it seals follow-ups with a next action, stage changes with a reason, won/lost).
--   outbox_event    published rows of the last 7 days only (the relay deletes older ones): per lead graded in that
--                   window its key record (topic leadflow.keys.v1, record_key = key id, KeyRecord JSON), LeadGraded
--                   (sealed: clear part with reasons [], sealed part random-looking bytes of the whole payload's length
--                   + 16) and LeadAssigned (clear); per reassignment in that window LeadReassigned (sealed). All have
--                   published_at, so the relay has nothing to send and nothing older than 7 days to delete at start.
--   processed_event the last 90 days of marks: routing-intake for LeadQualified (and LeadErased), routing-followup for
--                   LeadWon/LeadLost. Event ids md5('<EventType>:' || lead id)::uuid, as intake.sql names its events.
--                   (Both windows end 15 minutes inside the retention, so nothing expires while the seed runs; the
--                   service's own purges then take the oldest minutes as they age, as they would every hour.)
--   left empty      parked_event (follow-up events of history arrived after their LeadQualified), grading_regrade,
--                   dead_letter_redrive, event_key_position (its rows name the physical keys topic, which a bench run
--                   prefixes with its own run id, so a stored position could never be used), the policy tables (the
--                   running service seeded version 1 of both at its start; nothing here changes them).
--
-- Simplifications: no regrades (grade_history has one row per lead; common.sql has no regrade story and follow-up's
-- regrade_request would have to agree), no LeadUpdated corrections, no merges, no unassigned queue at the end
-- (queued_at null everywhere, so QueueDrainer finds nothing); GIVEN grades where the default policy cannot give
-- common.sql's grade (intake.sql's profile has no given grade for them); no REJECTED leads, so event_key lacks the
-- intake keys of screened-out submissions; the reps' created_at stays the bench's (the roster is added just before);
-- tables are freshly packed (no dead tuples or free space a year of updates would leave). Inherited from common.sql:
-- it caps closed_at at yesterday 20:00, so ~6 % of all leads close at that one instant; until then they count as
-- open, and the JUNIOR and NURTURE reps' open leads (counted honestly from the rows) pass the roster's capacity of
-- 100000 in the last ~8 days, so ~1.5 % of the whys quote e.g. "has 101600 of 100000 open leads", which Router
-- would not have written (it would have queued those leads). Only the text shows it; the end state (~93600 open
-- leads per rep at 1 M) is under capacity.
\ir common.sql
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '512MB';

-- ---------------------------------------------------------------------------------------------------------------
-- Run once: a database that already has leads (this seed ran, or the service took leads) is left alone.
select exists (select 1 from lead) as routing_has_leads \gset
\if :routing_has_leads
\echo routing.sql: lead already has rows; nothing seeded
\quit
\endif

-- The roster the bench added through the API: every owner of the story must be an active rep.
do $$
declare
    missing text;
begin
    select string_agg(o.owner_id, ', ' order by o.owner_id) into missing
      from (select distinct owner_id from history_lead) o
     where not exists (select 1 from rep r where r.rep_id = o.owner_id and r.active);
    if missing is not null then
        raise exception 'routing.sql: add the bench roster first (POST /api/v1/reps); missing: %', missing;
    end if;
end
$$;

-- ---------------------------------------------------------------------------------------------------------------
drop table if exists pg_temp.rc;
create temp table rc as
select clock_timestamp() as now_ts,
       -- common.sql's last moment of history (its closed_at cap), and intake.sql's (its erasures' cap)
       (:'until'::date - 1)::timestamp at time zone 'Asia/Shanghai' + interval '20 hours' as hist_end,
       (:'until'::date - 1)::timestamp at time zone 'Asia/Shanghai' + interval '22 hours' as intake_hist_end,
       clock_timestamp() - interval '7 days' + interval '15 minutes' as outbox_from,
       clock_timestamp() - interval '90 days' + interval '15 minutes' as processed_from;

-- NEED_CLARITY of intake.sql's need descriptions under the default policy (Grader.needClarity: the first keyword of
-- the policy's list the text contains; no text here says there is no need).
drop table if exists pg_temp.rneed;
create temp table rneed (need text primary key, kind text, keyword text, points int);
insert into rneed values
    ('需要CRM系统，计划下季度上线', 'explicit', '需要', 25), ('希望了解ERP模块和报价', 'interest', '了解', 10),
    ('数字化转型咨询，想看演示', 'interest', '咨询', 10), ('需要销售管理系统，团队30人', 'explicit', '需要', 25),
    ('了解一下产品功能', 'interest', '了解', 10), ('采购进销存软件，预算已批', 'explicit', '采购', 25),
    ('想替换现有的客户管理工具', 'explicit', '替换', 25), ('需要多门店会员管理方案', 'explicit', '需要', 25);

-- ---------------------------------------------------------------------------------------------------------------
-- One row per lead: its profile, grade and the moments the service touched it.
drop table if exists pg_temp.rl;
create temp table rl as
with p as materialized (
    select l.g, l.lead_id, l.registered_at, l.registered_on, l.source, l.industry, l.region, l.customer_type, l.grade,
           l.decision_cycle_days as days, l.budget_min, l.outcome, l.stage, l.owner_id, l.assigned_at, l.closed_at,
           l.customer_name,
           -- the profile as intake.sql has it (same expressions and salts)
           case when l.source = 'WEBSITE_FORM' then '官网咨询表单'
                when l.source = 'TRADE_SHOW' then to_char(l.registered_on, 'YYYY') || ' '
                    || (array['上海','北京','深圳','杭州'])[1 + floor(pg_temp.h(l.g, 'show') * 4)::int] || '数字化展会'
                when l.source = 'PARTNER_REFERRAL'
                    then '合作伙伴：' || (array['华信咨询','博远科技','鼎盛渠道'])[1 + floor(pg_temp.h(l.g, 'partner') * 3)::int]
                when l.source = 'SOCIAL_MEDIA' then (array['微信公众号','领英','行业社群'])[1 + floor(pg_temp.h(l.g, 'social') * 3)::int]
                else '老客户转介绍' end as source_detail,
           u.utm_source,
           case u.utm_source when 'baidu' then 'cpc' when 'google' then 'cpc' when 'wechat' then 'social'
                             when 'zhihu' then 'social' end as utm_medium,
           case when u.utm_source is not null then 'crm-' || to_char(l.registered_on, 'YYYYMM') end as utm_campaign,
           (array['需要CRM系统，计划下季度上线','希望了解ERP模块和报价','数字化转型咨询，想看演示','需要销售管理系统，团队30人',
                  '了解一下产品功能','采购进销存软件，预算已批','想替换现有的客户管理工具','需要多门店会员管理方案'])
               [1 + floor(pg_temp.h(l.g, 'need') * 8)::int] as need,
           substring(l.company_size from '^[0-9]+')::int as employees,
           case l.budget_min when 30000 then 50000 when 80000 then 100000 when 200000 then 300000 end as budget_max,
           case l.budget_min when 30000 then '3-5万' when 80000 then '8-10万' when 200000 then '20-30万'
                             else '150万以上' end as budget_text,
           case when l.source <> 'WEBSITE_FORM' then l.grade end as declared_intent,
           -- intake.sql's erasures (LeadErasure by admin.zhou), heard here as LeadErased
           pg_temp.h(l.g, 'erase') < 0.001 as erased,
           case when pg_temp.h(l.g, 'erase') < 0.001 then l.registered_at + interval '15 minutes'
               + least(interval '90 days', (select intake_hist_end from rc) - l.registered_at - interval '15 minutes')
                 * pg_temp.h(l.g, 'erased_at') end as intake_erased_at
      from history_lead l
      cross join lateral (select case when l.source = 'WEBSITE_FORM' and pg_temp.h(l.g, 'utm') < 0.7
                                      then (array['baidu','wechat','google','zhihu'])[1 + floor(pg_temp.h(l.g, 'utm_source') * 4)::int]
                                 end as utm_source) u
), s as (
    -- Grader.score with GradingPolicy.defaults()
    select p.*, n.kind as need_kind, n.keyword as need_keyword,
           case p.declared_intent when 'HIGH' then 10 when 'MEDIUM' then 5 else 0 end as pt_intent,
           n.points as pt_need,
           case p.budget_min when 30000 then 8 when 80000 then 15 when 200000 then 15 else 0 end as pt_budget,
           case when p.days <= 30 then 40 when p.days <= 90 then 20 else 0 end as pt_cycle,
           case p.customer_type when 'ENTERPRISE' then 5 when 'GOVERNMENT' then 5 when 'SMB' then 3 else 0 end as pt_type,
           case when p.employees >= 50 then 5 else 0 end as pt_size
      from p join rneed n on n.need = p.need
), sc as (
    select s.*, pt_intent + pt_need + pt_budget + pt_cycle + pt_type + pt_size as score from s
), gr as (
    select sc.*,
           case when score >= 70 and days <= 30 then 'HIGH' when score >= 30 and days <= 90 then 'MEDIUM' else 'LOW' end
               as policy_grade
      from sc
), t as (
    select gr.*,
           policy_grade <> grade as given,
           -- the moments: the LeadQualified transaction starts (processed_event, outbox created_at = its now()) a few ms
           -- before common.sql's assigned_at, the row is made, graded, assigned; the relay publishes after the commit
           assigned_at - make_interval(secs => 0.006 + pg_temp.h(g, 'tx') * 0.009) as tx_at,
           -- the outcome counts when it came before an erasure (follow-up closes no erased lead)
           outcome <> 'OPEN' and (not erased or closed_at < intake_erased_at) as closed
      from gr
), w as materialized (
    select t.*,
           t.tx_at + interval '1.1 milliseconds' as created_at,
           t.tx_at + interval '3.3 milliseconds' as graded_at,
           t.assigned_at + make_interval(secs => 0.005 + pg_temp.h(g, 'publish') * 0.04) as published_at,
           -- routing applies followup's LeadWon/LeadLost some ms after it happened (never before the assignment)
           case when t.closed then least(greatest(t.closed_at, t.assigned_at + interval '1 minute'),
                                         coalesce(t.intake_erased_at - interval '1 second', 'infinity'))
                    + make_interval(secs => 0.025 + pg_temp.h(g, 'close_tx') * 0.06) end as close_tx,
           case when t.erased then t.intake_erased_at + make_interval(secs => 0.03 + pg_temp.h(g, 'erase_tx') * 0.06)
           end as erase_tx
      from t
), r as (
    select w.*,
           -- a sales manager moved ~5 % of the leads from another rep of the pool to their owner, within a month
           least(coalesce(close_tx, erase_tx, (select hist_end from rc)), coalesce(erase_tx, 'infinity'))
               - assigned_at - interval '2 minutes' as reassign_window
      from w
)
select r.*,
       case when r.closed then r.close_tx + interval '1.4 milliseconds'
            when r.erased then r.erase_tx + interval '2.6 milliseconds' end as lead_closed_at,
       case when r.erased then r.erase_tx + interval '2.6 milliseconds' end as lead_erased_at,
       case when r.erased then 'ERASED' when r.closed then r.outcome else 'OPEN' end as status,
       m.reassigned,
       case when m.reassigned then r.assigned_at + interval '1 minute'
           + least(r.reassign_window, interval '30 days') * pg_temp.h(r.g, 'reassign_at') end as reassigned_at,
       case when m.reassigned then regexp_replace(r.owner_id, '[0-9]+$', '')
           || (((substring(r.owner_id from '[0-9]+$')::int - 1 + 1 + floor(pg_temp.h(r.g, 'reassign_from') * 2)::int) % 3) + 1)
       end as previous_owner_id,
       case when m.reassigned then (array['manager-wang','manager-liu'])[1 + floor(pg_temp.h(r.g, 'manager') * 2)::int]
       end as manager,
       case when m.reassigned then (array['客户要求更换对接人','原负责人休假，临时接手','按客户所在区域调整负责人',
                                          '原负责人跟进不及时','客户与新负责人已有合作'])
                                   [1 + floor(pg_temp.h(r.g, 'reassign_reason') * 5)::int] end as reassign_reason
  from r
  cross join lateral (select pg_temp.h(r.g, 'reassign') < 0.05 and r.reassign_window > interval '1 hour' as reassigned) m;
alter table rl add primary key (g);

-- The grade's reasons as Json.write writes List<GradeReason>, and the stored profile.
drop table if exists pg_temp.rg;
create temp table rg as
select l.g, x.scored,
       '[' || case when l.given then '{"rule":"GIVEN_GRADE","detail":' || pg_temp.js('grade ''' || l.grade
           || ''' came with the lead and is kept as ' || l.grade || ' (the rules would say ' || l.policy_grade || ' with '
           || l.score || ' points)') || ',"points":0},' else '' end || x.scored || ']' as reasons,
       '{' || concat_ws(',',
           case when not l.erased then '"customerName":' || pg_temp.js(l.customer_name) end,
           '"source":' || pg_temp.js(l.source),
           case when not l.erased then '"sourceDetail":' || pg_temp.js(l.source_detail) end,
           case when l.utm_source is not null and not l.erased then '"utm":{"source":' || pg_temp.js(l.utm_source)
               || ',"medium":' || pg_temp.js(l.utm_medium) || ',"campaign":' || pg_temp.js(l.utm_campaign) || '}' end,
           case when not l.erased then '"needDescription":' || pg_temp.js(l.need) end,
           '"industry":' || pg_temp.js(l.industry), '"region":' || pg_temp.js(l.region),
           '"companySize":' || l.employees, '"customerType":' || pg_temp.js(l.customer_type),
           '"budget":{' || concat_ws(',', '"min":' || l.budget_min, '"max":' || l.budget_max, '"currency":"CNY"',
               case when not l.erased then '"text":' || pg_temp.js(l.budget_text) end) || '}',
           '"decisionCycleDays":' || l.days,
           '"declaredIntent":' || pg_temp.js(l.declared_intent),
           case when l.given then '"givenGrade":' || pg_temp.js(l.grade) end,
           '"registeredAt":' || pg_temp.js(pg_temp.iso(l.registered_at))) || '}' as profile
  from rl l
  cross join lateral (select concat_ws(',',
      '{"rule":"DECLARED_INTENT","detail":' || coalesce(pg_temp.js('declared intent ' || l.declared_intent),
          '"no declared intent"') || ',"points":' || l.pt_intent || '}',
      '{"rule":"NEED_CLARITY","detail":' || pg_temp.js('need ''' || l.need || ''' '
          || case l.need_kind when 'explicit' then 'states an explicit need' else 'shows initial interest' end
          || ' (' || l.need_keyword || ')') || ',"points":' || l.pt_need || '}',
      '{"rule":"BUDGET_FIT","detail":"' || case l.budget_min
          when 30000 then 'budget 30000-50000 CNY partly within expected 50000-1000000 CNY'
          when 80000 then 'budget 80000-100000 CNY within expected 50000-1000000 CNY'
          when 200000 then 'budget 200000-300000 CNY within expected 50000-1000000 CNY'
          else 'budget 1500000 CNY above expected 50000-1000000 CNY' end || '","points":' || l.pt_budget || '}',
      '{"rule":"DECISION_CYCLE","detail":"decision cycle ' || l.days || ' days ' || case
          when l.days <= 30 then '≤ 30' when l.days <= 90 then '≤ 90' else '> 90' end || '","points":' || l.pt_cycle || '}',
      '{"rule":"CUSTOMER_TYPE","detail":"customer type ' || l.customer_type || '","points":' || l.pt_type || '}',
      '{"rule":"COMPANY_SIZE","detail":"company size ' || l.employees || ' employees'
          || case when l.employees >= 50 then ' ≥ 50' else '' end || '","points":' || l.pt_size || '}',
      case when l.score >= 70 and l.days > 30 then '{"rule":"LEVEL_GATE","detail":"score ' || l.score
          || ' ≥ 70 but HIGH needs a decision within 30 days (decision cycle ' || l.days || ' days)","points":0}' end,
      case when l.score >= 30 and l.days > 90 then '{"rule":"LEVEL_GATE","detail":"score ' || l.score
          || ' ≥ 30 but MEDIUM needs a decision within 90 days (decision cycle ' || l.days || ' days)","points":0}' end)
      as scored) x;
alter table rg add primary key (g);

-- ---------------------------------------------------------------------------------------------------------------
-- Assignment rows: the rules' first owner, and for a reassigned lead the manager's choice after it.
drop table if exists pg_temp.ra;
create temp table ra as
select l.g, a.*,
       case when a.status_active then null
            when a.n = 1 and l.reassigned then l.reassigned_at
            when l.closed then l.close_tx + interval '1.9 milliseconds'
            else l.erase_tx + interval '2 milliseconds' end as ended_at,
       case when a.status_active then null
            when a.n = 1 and l.reassigned then 'REASSIGNED'
            when l.closed then l.outcome else 'ERASED' end as end_reason,
       case when a.status_active then null
            when a.n = 1 and l.reassigned then l.manager
            when l.closed then null else 'admin.zhou' end as ended_by
  from rl l
  cross join lateral (
      select 1 as n, case when l.reassigned then l.previous_owner_id else l.owner_id end as owner_id,
             l.assigned_at, not l.reassigned and l.status = 'OPEN' as status_active,
             case l.grade when 'HIGH' then 'high-senior' when 'MEDIUM' then 'medium-junior' else 'low-nurture' end as rule_id,
             case l.grade when 'HIGH' then 'LEAST_LOADED' else 'ROUND_ROBIN' end as strategy,
             null::text as previous_owner_id, null::text as assigned_by, null::text as reason
      union all
      select 2, l.owner_id, l.reassigned_at, l.status = 'OPEN', 'MANUAL', 'MANUAL', l.previous_owner_id, l.manager,
             case when l.erased then '[erased]' else l.reassign_reason end
       where l.reassigned) a;

-- How many open leads the owner had just before each assignment (the number Router's and reassign's why quote),
-- the row's id and round-robin turn (AssignmentService.assign: one nextval('rep_turn_seq') per assignment).
select greatest((select coalesce(max(last_turn), 0) from rep),
                (select case when is_called then last_value else 0 end from rep_turn_seq)) as turn_base \gset
select case when is_called then last_value else 0 end as assignment_id_base from assignment_id_seq \gset
drop table if exists pg_temp.rao;
create temp table rao as
select g, n, open_before, row_number() over (order by at, g, n) as rn
  from (select g, n, d, at, sum(d) over (partition by owner_id order by at, d rows unbounded preceding) - 1 as open_before
          from (select g, n, owner_id, assigned_at as at, 1 as d from ra
                union all
                select g, n, owner_id, ended_at, -1 from ra where ended_at is not null) e) x
 where d = 1;
alter table rao add primary key (g, n);

drop table if exists pg_temp.rar;
create temp table rar as
select a.*, l.lead_id, l.grade, l.source, l.registered_at, l.erased, rep.name as owner_name, rep.seniority,
       :assignment_id_base + o.rn as id, :turn_base + o.rn as turn, o.open_before,
       case when a.n = 2 then
           case when l.erased then '[erased]'
                else 'reassigned by ' || l.manager || ': ' || l.reassign_reason || '; ' || rep.name || ' has '
                     || o.open_before || ' of ' || rep.capacity || ' open leads' end
       else
           case l.grade when 'HIGH' then 'HIGH to SENIOR reps, those matching industry or region first'
                        when 'MEDIUM' then 'MEDIUM to JUNIOR reps, those matching industry or region first'
                        else 'LOW to marketing nurture and sales assistants' end
           || ' (rule ' || a.rule_id || ', ' || a.strategy || '); ' || rep.name
           -- PREFERRED rules name what the specialist covers (industry first); the roster covers SOFTWARE and 上海
           || case when l.grade = 'LOW' then '' when l.industry = 'SOFTWARE' then ' covers SOFTWARE'
                   when l.region = '上海' then ' covers 上海' else '' end
           || ' and has ' || o.open_before || ' of ' || rep.capacity || ' open leads'
       end as why
  from ra a
  join rl l using (g)
  join rao o using (g, n)
  join rep on rep.rep_id = a.owner_id;

-- ---------------------------------------------------------------------------------------------------------------
begin;

-- lead: each row where its last update left it (assigned, reassigned, closed or erased), in that order.
insert into lead (lead_id, status, qualified, profile, source, industry, region, grade, score, grade_origin,
                  grading_policy_version, grade_reasons, graded_at, queued_at, queue_reason, closed_at, created_at,
                  updated_at, erased_at, registered_at)
select l.lead_id, l.status, true, g.profile, l.source, l.industry, l.region, l.grade, l.score,
       case when l.given then 'GIVEN' else 'POLICY' end, 1,
       case when l.erased then '[]' else g.reasons end, l.graded_at, null, null, l.lead_closed_at, l.created_at,
       greatest(l.assigned_at, l.reassigned_at, l.lead_closed_at, l.lead_erased_at), l.lead_erased_at, l.registered_at
  from rl l join rg g using (g)
 order by greatest(l.assigned_at, l.reassigned_at, l.lead_closed_at, l.lead_erased_at), l.lead_id;

-- grade_history: the first grade of every lead, as applyGrade records it.
insert into grade_history (lead_id, grade, previous_grade, score, origin, grading_policy_version, reasons, reason,
                           requested_by, graded_at)
select l.lead_id, l.grade, null, l.score, case when l.given then 'GIVEN' else 'POLICY' end, 1,
       case when l.erased then '[]' else g.reasons end,
       case when l.given then 'grade given with the lead (意向等级), kept as given'
            else 'graded by grading policy v1 when the lead qualified' end,
       null, l.graded_at
  from rl l join rg g using (g)
 order by l.graded_at, l.lead_id;

-- assignment: ids in the order the rows were made; each row where its last update left it. V12's counter triggers
-- are off for the bulk insert; the counters are set from a recount below (what the triggers would have left).
alter table assignment disable trigger user;
insert into assignment (id, lead_id, owner_id, owner_name, seniority, grade, source, rule_id, strategy, why,
                        policy_version, previous_owner_id, assigned_at, active, ended_at, end_reason, assigned_by,
                        reason, ended_by)
select id, lead_id, owner_id, owner_name, seniority, grade, source, rule_id, strategy, why, 1, previous_owner_id,
       assigned_at, status_active, ended_at, end_reason, assigned_by, reason, ended_by
  from rar
 order by coalesce(ended_at, assigned_at), id;
alter table assignment enable trigger user;
select setval('assignment_id_seq', (select max(id) from assignment)) as assignment_id_last \gset

update rep r set open_leads = c.open
  from (select owner_id, count(*) filter (where active)::int as open from assignment group by owner_id) c
 where r.rep_id = c.owner_id;
update rep r set last_turn = t.turn
  from (select owner_id, max(turn) as turn from rar group by owner_id) t
 where r.rep_id = t.owner_id;
select setval('rep_turn_seq', :turn_base + (select count(*) from rar)) as turn_last \gset

-- ---------------------------------------------------------------------------------------------------------------
-- Keys: this service's own per live lead (made in the LeadQualified transaction), and KeysReader's copies of every
-- producer's keys, in the order they came off the keys topic.
insert into lead_key (lead_id, key_id, wrapped, created_at)
select lead_id, 'lead-routing-service/' || lead_id, pg_temp.wrapped('lead-routing-service/' || lead_id), tx_at
  from rl where not erased order by tx_at, lead_id;

insert into event_key (key_id, lead_id, wrapped)
select k.key_id, l.lead_id, pg_temp.wrapped(k.key_id)
  from rl l
  cross join lateral (
      values ('lead-intake-service/' || l.lead_id, l.registered_at + make_interval(secs => 0.05 + pg_temp.h(l.g, 'ik') * 0.3)),
             ('lead-routing-service/' || l.lead_id, l.published_at + interval '20 milliseconds'),
             -- follow-up's first sealed event: a follow-up with a next action or a stage change, hours to days later
             (case when l.stage <> 'NEW' then 'followup-service/' || l.lead_id end,
              least(l.assigned_at + interval '2 hours' + interval '3 days' * pg_temp.h(l.g, 'fk'),
                    coalesce(l.close_tx - interval '1 second', (select hist_end from rc))))) k(key_id, at)
 where not l.erased and k.key_id is not null
 order by k.at, k.key_id;

-- Erased leads: forgotten by the outbox (OutboxWriter.forget) in the erasing transaction.
insert into outbox_forgotten_lead (lead_id, forgotten_at)
select lead_id, erase_tx from rl where erased order by erase_tx;

-- ---------------------------------------------------------------------------------------------------------------
-- processed_event: what routing's consumers applied in the last 90 days (housekeeping purges older marks).
insert into processed_event (consumer, event_id, processed_at)
select consumer, event_id, at
  from (select 'routing-intake' as consumer, pg_temp.uid('LeadQualified:' || lead_id) as event_id, tx_at as at from rl
        union all
        select 'routing-followup', pg_temp.uid(case outcome when 'WON' then 'LeadWon:' else 'LeadLost:' end || lead_id),
               close_tx from rl where closed
        union all
        select 'routing-intake', pg_temp.uid('LeadErased:' || lead_id), erase_tx from rl where erased) p
 where at >= (select processed_from from rc)
 order by at, event_id;

-- ---------------------------------------------------------------------------------------------------------------
-- outbox_event: the published rows housekeeping has not deleted yet (the last 7 days), in commit order.
insert into outbox_event (event_id, topic, lead_id, event_type, envelope, created_at, published_at, record_key)
select e.event_id, e.topic, e.lead_id, e.event_type, e.envelope, e.created_at, e.published_at, e.record_key
  from (
    -- the LeadQualified transaction: the lead's key (LeadKeys.keyFor, in LeadGraded's emit), LeadGraded, LeadAssigned
    select q.tx_at as created_at, q.lead_id, k.ord, q.published_at,
           case k.ord when 0 then 'leadflow.keys.v1' else 'leadflow.routing.v1' end as topic,
           case k.ord when 0 then 'LeadKey' when 1 then 'LeadGraded' else 'LeadAssigned' end as event_type,
           case k.ord when 0 then pg_temp.uid('LeadKey:lead-routing-service/' || q.lead_id)
                      when 1 then pg_temp.uid('LeadGraded:' || q.lead_id)
                      else pg_temp.uid('LeadAssigned:' || q.lead_id) end as event_id,
           case k.ord when 0 then 'lead-routing-service/' || q.lead_id end as record_key,
           case k.ord
             when 0 then '{"keyId":"lead-routing-service/' || q.lead_id || '","leadId":"' || q.lead_id
                 || '","producer":"lead-routing-service","wrapped":"'
                 || pg_temp.b64(pg_temp.wrapped('lead-routing-service/' || q.lead_id)) || '"}'
             when 1 then '{"eventId":"' || pg_temp.uid('LeadGraded:' || q.lead_id)
                 || '","eventType":"LeadGraded","schemaVersion":1,"leadId":"' || q.lead_id || '","occurredAt":"'
                 || pg_temp.iso(q.graded_at) || '","producer":"lead-routing-service","payload":{"grade":"' || q.grade
                 || '","score":' || q.score || ',"reasons":[],"gradingPolicyVersion":1,"given":' || q.given
                 || '},"sealed":{"keyId":"lead-routing-service/' || q.lead_id || '","nonce":"'
                 || pg_temp.b64(pg_temp.rb('nonce:LeadGraded:' || q.lead_id, 12)) || '","ciphertext":"'
                 || pg_temp.b64(pg_temp.rb('sealed:LeadGraded:' || q.lead_id, 16 + octet_length(convert_to(
                        '{"grade":"' || q.grade || '","score":' || q.score || ',"reasons":' || q.reasons
                        || ',"gradingPolicyVersion":1,"given":' || q.given || '}', 'UTF8')))) || '"}}'
             else '{"eventId":"' || pg_temp.uid('LeadAssigned:' || q.lead_id)
                 || '","eventType":"LeadAssigned","schemaVersion":1,"leadId":"' || q.lead_id || '","occurredAt":"'
                 || pg_temp.iso(q.assigned_at) || '","producer":"lead-routing-service","payload":{"ownerId":'
                 || pg_temp.js(q.a_owner_id) || ',"ownerName":' || pg_temp.js(q.a_owner_name) || ',"seniority":"'
                 || q.a_seniority || '","grade":"' || q.grade || '","source":"' || q.source || '","ruleId":"'
                 || q.a_rule_id || '","strategy":"' || q.a_strategy || '","why":' || pg_temp.js(q.a_why)
                 || ',"registeredAt":"' || pg_temp.iso(q.registered_at) || '"}}'
           end as envelope
      from (select l.*, g.reasons, a.owner_id as a_owner_id, a.owner_name as a_owner_name, a.seniority as a_seniority,
                   a.rule_id as a_rule_id, a.strategy as a_strategy, a.why as a_why
              from rl l join rg g using (g) join rar a on a.g = l.g and a.n = 1
             where not l.erased and l.published_at >= (select outbox_from from rc)) q
     cross join (values (0), (1), (2)) k(ord)
    union all
    -- a manager's reassignment (PUT .../reassign): LeadReassigned, sealed (its reason is a person's words)
    select l.reassigned_at - interval '2.5 milliseconds', l.lead_id, 0,
           l.reassigned_at + make_interval(secs => 0.01 + pg_temp.h(l.g, 'reassign_publish') * 0.04),
           'leadflow.routing.v1', 'LeadReassigned', pg_temp.uid('LeadReassigned:' || l.lead_id), null,
           '{"eventId":"' || pg_temp.uid('LeadReassigned:' || l.lead_id)
               || '","eventType":"LeadReassigned","schemaVersion":1,"leadId":"' || l.lead_id || '","occurredAt":"'
               || pg_temp.iso(l.reassigned_at) || '","producer":"lead-routing-service","payload":{"previousOwnerId":'
               || pg_temp.js(l.previous_owner_id) || ',"ownerId":' || pg_temp.js(a.owner_id) || ',"ownerName":'
               || pg_temp.js(a.owner_name) || ',"grade":"' || l.grade || '","reason":"[erased]","reassignedBy":'
               || pg_temp.js(l.manager) || '},"sealed":{"keyId":"lead-routing-service/' || l.lead_id || '","nonce":"'
               || pg_temp.b64(pg_temp.rb('nonce:LeadReassigned:' || l.lead_id, 12)) || '","ciphertext":"'
               || pg_temp.b64(pg_temp.rb('sealed:LeadReassigned:' || l.lead_id, 16 + octet_length(convert_to(
                      '{"previousOwnerId":' || pg_temp.js(l.previous_owner_id) || ',"ownerId":' || pg_temp.js(a.owner_id)
                      || ',"ownerName":' || pg_temp.js(a.owner_name) || ',"grade":"' || l.grade || '","reason":'
                      || pg_temp.js(l.reassign_reason) || ',"reassignedBy":' || pg_temp.js(l.manager) || '}', 'UTF8'))))
               || '"}}'
      from rl l join rar a on a.g = l.g and a.n = 2
     where not l.erased
       and l.reassigned_at + interval '10 milliseconds' >= (select outbox_from from rc)
  ) e
 where e.published_at >= (select outbox_from from rc)
 order by e.created_at, e.lead_id, e.ord;

commit;

analyze lead;
analyze grade_history;
analyze assignment;
analyze rep;
analyze lead_key;
analyze event_key;
analyze outbox_forgotten_lead;
analyze processed_event;
analyze outbox_event;
