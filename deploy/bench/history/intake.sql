-- deploy/bench/history/intake.sql: a year of history in lead-intake-service's database, as the service itself would
-- have written it while capturing the leads of common.sql (history_lead) live, one by one, and hearing routing's
-- assignments. Run once on a freshly migrated database (lead-events' V1-V5, intake's V10-V20), as the tables' owner:
--     psql -h localhost -U leadflow -d <db> -v n=1000000 -v ON_ERROR_STOP=1 -qAtX -f deploy/bench/history/intake.sql
-- Set-based, one INSERT ... SELECT per table, rows in time order; deterministic (pg_temp.h, md5/sha256 of ids).
--
-- What a lead g leaves here, and where the shape comes from:
--   lead             CaptureService.capture + LeadMapper.apply: QUALIFIED under screening policy 1. Leads of source
--                    WEBSITE_FORM came through the public form (channel FORM, FormService.submit: no declared intent,
--                    utm of the page, the form's consent wording, consent_source 'form:<key> <origin>'); every other
--                    lead was typed in by marketing (channel STAFF, LeadResource: consent for ~60 %, 'staff:<user>').
--                    Values are what the parsers make of the typed text (companySize '20-49人' -> 20, budget '3-5万'
--                    -> 30000..50000 CNY, decision cycle '两周' -> 14 days, industry '软件' -> SOFTWARE). Duplicate keys
--                    exactly as DuplicateKeys normalises them: phone_key = E.164 (+86158...), email_key = the email
--                    lower-cased without +tag, company_key = the name folded, lower-cased, without its legal form
--                    ('历史客户123有限公司' -> '历史客户123'). registered_at = common.sql's (a live capture: now at parse),
--                    captured_at/screened_at/updated_at a few ms later. owner_id/owner_since = the assignment routing
--                    announced (OwnerService.announced, LeadStore.setOwner: version untouched, so version 0).
--   lead_touch       the ORIGINAL touch of every lead ('TCH-' + uuid, submitted = the request as LeadMapper.json
--                    writes it: the CaptureLeadRequest for STAFF, the mapped form fields for FORM), and for ~10 % a
--                    DUPLICATE submission within 60 days, most soon after (matched on PHONE, or EMAIL when it gave no
--                    phone) that joined it; half through the form, half typed in at a trade show.
--   lead_change      one 'ownerId' row per lead (OwnerService: by lead-routing-service, reason 'assigned: <why>' with
--                    routing's Router wording for its default rules). A capture itself writes no audit row.
--   lead_day_counter one row per past business day: the highest sequence used that day (common.sql numbers the
--                    leads LX<day><g mod 10^6>), so LeadStore.nextSequence never hands out a used number.
--   lead_key         one per live lead (LeadKeys: 'lead-intake-service/<id>', 60 wrapped bytes = 12 nonce + 32 key +
--                    16 tag; here sha256-derived bytes, never unwrapped).
--   event_key        what KeysReader copied from the compacted keys topic: every producer's key of a live lead, i.e.
--                    intake's own (as in lead_key), routing's (it seals LeadGraded, so one per graded lead) and
--                    follow-up's for leads past stage NEW (it seals follow-ups with a next action, stage changes with
--                    a reason, won/lost); wrapped bytes derived from the key id.
--   outbox_event     published rows of the last 7 days only (the relay deletes older ones): per lead captured in that
--                    window its key record (topic leadflow.keys.v1, record_key = key id, KeyRecord JSON) and
--                    LeadCaptured + LeadQualified, sealed as LeadEvents.emit does (clear part = the profile without
--                    personal data, sealed part = random-looking bytes of the whole payload's length + 16); and a
--                    DuplicateLeadMerged per duplicate touch in that window. All published (published_at set), none
--                    older than 7 days at seed time, so the relay has nothing to send and nothing to delete at start.
--   processed_event  'intake-owners' (RoutingEventsHandler) marks of the LeadAssigned events of the last 90 days
--                    (event id = md5('LeadAssigned:' || lead id) as uuid; processed_at just after assigned_at).
--   web_form         the one website form the FORM leads came through ('site-contact'), created a year ago.
--   form_submission  the Idempotency-Keys of form posts of the last 24 h (housekeeping purges older ones).
--   erased leads     ~0.1 % (h(g,'erase') < 0.001, erased within 90 days of registering and before the end of
--                    history), as LeadErasure leaves them: status ERASED, personal columns and keys null, touches'
--                    submitted and the audit's values null, version 1, no lead_key/event_key/outbox/form_submission
--                    rows, an outbox_forgotten_lead row. common.sql has no erasures: routing.sql mirrors this rule and
--                    formula; follow-up's and analytics' seeds keep these leads as live.
--   screening_policy version 1 (from V10) is dated a year back, when the service was installed.
--
-- Simplifications: no REJECTED leads (common.sql's leads are all qualified; screened-out submissions would need ids
-- outside the story); no spreadsheet imports (lead_import*, empty); no staff corrections, staff merges (MERGED) or
-- possible duplicates; no reassignments; event_key_position is left empty (its rows name the physical keys topic,
-- which a bench run prefixes with its own run id, so a stored position could never be used). Within a day common.sql
-- numbers leads by g while their registration times are hashed, so a day's ids are not in registration order (and
-- at n = 1,000,000 the last lead is LX<day>000000, sequence 0, which the service itself never makes).
-- Cost: the lead INSERT is the slowest statement, mostly the trigram GIN index lead_search it keeps current row by
-- row (kept on purpose: it is part of what a capture costs). The script ends with VACUUM ANALYZE, as autovacuum
-- would long have done on a year-old database (it also merges the GIN pending list).
-- The session's temporary tables (history_lead, il) stay in memory: set before common.sql makes the first one.
set temp_buffers = '1GB';
\ir common.sql
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '512MB';

drop table if exists pg_temp.hc;
create temp table hc as
select clock_timestamp() as now_ts,
       (:'until'::date - 1)::timestamp at time zone 'Asia/Shanghai' + interval '22 hours' as hist_end,
       (:'until'::date - 366)::timestamp at time zone 'Asia/Shanghai' + interval '10 hours' as installed_at,
       'site-contact'::text as form_key,
       'https://www.leadflow-demo.cn'::text as form_origin,
       '我同意贵司就本次咨询与我联系，并了解隐私政策'::text as form_consent;

-- ---------------------------------------------------------------------------------------------------------------
-- One row per lead with everything the tables below need: the lead's columns and what was typed to produce them.
drop table if exists pg_temp.il;
create temp table il as
select l.g, l.lead_id as id, l.registered_on, l.registered_at, l.grade, l.stage, l.owner_id, l.owner_name,
       l.assigned_at, l.customer_name, l.contact_name, l.phone, l.email, l.source, l.industry, l.region,
       l.customer_type, l.decision_cycle_days, l.budget_min,
       c.channel, c.erased,
       -- a live capture: the transaction starts (FORM: with the Idempotency-Key's row) around registeredAt,
       -- the lead is stamped a few ms later, its events right after, and the relay publishes them after commit
       l.registered_at + make_interval(secs => case when c.channel = 'FORM' then -0.003 else 0.002 end) as tx_at,
       l.registered_at + make_interval(secs => 0.004 + pg_temp.h(l.g, 'capture') * 0.026) as captured_at,
       '158 ' || substr(lpad(l.g::text, 8, '0'), 1, 4) || ' ' || substr(lpad(l.g::text, 8, '0'), 5, 4) as phone_raw,
       case when pg_temp.h(l.g, 'wechat') < 0.35 then 'wx_hist_' || l.g end as wechat,
       case when c.channel = 'FORM' then '官网咨询表单'
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
           [1 + floor(pg_temp.h(l.g, 'need') * 8)::int] as need_description,
       substring(l.company_size from '^[0-9]+')::int as company_size,
       l.company_size as company_size_text,
       case l.budget_min when 30000 then 50000 when 80000 then 100000 when 200000 then 300000 end as budget_max,
       case l.budget_min when 30000 then '3-5万' when 80000 then '8-10万' when 200000 then '20-30万'
                         else '150万以上' end as budget_text,
       case l.decision_cycle_days when 14 then '两周' when 30 then '1个月' when 45 then '1-2个月' when 60 then '2个月'
                                  when 90 then '3个月' when 120 then '4个月' else '6个月' end as decision_cycle_text,
       case when c.channel = 'STAFF' then l.grade end as declared_intent,
       case when c.channel = 'FORM' then true when pg_temp.h(l.g, 'consent') < 0.6 then true end as consent_granted,
       case when c.channel = 'FORM' then (select form_consent from hc)
            when pg_temp.h(l.g, 'consent') < 0.6 then '同意接收产品资讯' end as consent_text,
       case when c.channel = 'FORM' then 'form:' || (select form_key || ' ' || form_origin from hc)
            when pg_temp.h(l.g, 'consent') < 0.6 then 'staff:' || s.staff end as consent_source,
       s.staff,
       case l.source when 'TRADE_SHOW' then '展会' when 'WEBSITE_FORM' then '官网表单'
                     when 'PARTNER_REFERRAL' then '合作伙伴推荐' when 'SOCIAL_MEDIA' then '社交媒体'
                     else '客户转介绍' end as source_typed,
       case l.industry when 'SOFTWARE' then '软件' when 'MANUFACTURING' then '制造业' when 'RETAIL' then '零售'
                       when 'FINANCE' then '金融' when 'EDUCATION' then '教育' else '物流' end as industry_typed,
       case l.customer_type when 'ENTERPRISE' then '企业' when 'SMB' then '中小企业' when 'GOVERNMENT' then '政府'
                            else '个人' end as customer_type_typed,
       case l.grade when 'HIGH' then '高意向' when 'MEDIUM' then '中意向' else '低意向' end as intent_typed,
       -- erasure (LeadErasure), some weeks after registration, before today
       c.erased_at,
       -- a later submission of the same person that joined the lead (~10 % of live leads)
       d.dup, d.dup_channel,
       case when d.dup then case when pg_temp.h(l.g, 'dup_on') < 0.8 then 'PHONE' else 'EMAIL' end end as dup_matched_on,
       d.dup_at,
       case when d.dup then case when d.dup_channel = 'FORM' then 'WEBSITE_FORM' else 'TRADE_SHOW' end end as dup_source,
       case when d.dup then case when d.dup_channel = 'FORM' then '官网咨询表单'
           else to_char(d.dup_at at time zone 'Asia/Shanghai', 'YYYY') || ' '
                || (array['上海','北京','深圳','杭州'])[1 + floor(pg_temp.h(l.g, 'dup_show') * 4)::int] || '数字化展会' end
       end as dup_source_detail,
       case when d.dup_channel = 'FORM' and d.dup and pg_temp.h(l.g, 'dup_utm') < 0.7 then 'baidu' end as dup_utm_source,
       case when d.dup_channel = 'FORM' and d.dup and pg_temp.h(l.g, 'dup_utm') < 0.7 then 'cpc' end as dup_utm_medium,
       case when d.dup_channel = 'FORM' and d.dup and pg_temp.h(l.g, 'dup_utm') < 0.7
            then 'crm-' || to_char(d.dup_at at time zone 'Asia/Shanghai', 'YYYYMM') end as dup_utm_campaign
  from history_lead l
  -- ~0.1 % of people ask to be erased, within 90 days of registering and before the end of history (routing.sql
  -- mirrors this rule and formula: keep them in step)
  cross join lateral (select case when l.source = 'WEBSITE_FORM' then 'FORM' else 'STAFF' end as channel,
                             pg_temp.h(l.g, 'erase') < 0.001 as erased,
                             case when pg_temp.h(l.g, 'erase') < 0.001 then l.registered_at + interval '15 minutes'
                                 + least(interval '90 days', (select hist_end from hc) - l.registered_at - interval '15 minutes')
                                   * pg_temp.h(l.g, 'erased_at') end as erased_at) c
  cross join lateral (select (array['marketing.chen','marketing.li','marketing.zhao','sales.assistant.wu'])
                                 [1 + floor(pg_temp.h(l.g, 'staff') * 4)::int] as staff) s
  cross join lateral (select case when c.channel = 'FORM' and pg_temp.h(l.g, 'utm') < 0.7
                                  then (array['baidu','wechat','google','zhihu'])[1 + floor(pg_temp.h(l.g, 'utm_source') * 4)::int]
                             end as utm_source) u
  -- ~10 % of people submit again within 60 days, most of them soon; one due after the end of history has not yet
  cross join lateral (select dd.dup_at is not null as dup, dd.dup_channel, dd.dup_at
                        from (select case when pg_temp.h(l.g, 'dup_channel') < 0.5 then 'FORM' else 'STAFF' end as dup_channel,
                                     case when not c.erased and pg_temp.h(l.g, 'dup') < 0.10
                                           and l.registered_at + interval '1 minute'
                                               + interval '60 days' * pg_temp.h(l.g, 'dup_at') ^ 2
                                               < (select hist_end from hc) - interval '2 hours'
                                          then l.registered_at + interval '1 minute'
                                               + interval '60 days' * pg_temp.h(l.g, 'dup_at') ^ 2 end as dup_at) dd) d;
alter table il add primary key (g);
analyze il;

-- ---------------------------------------------------------------------------------------------------------------
-- The form the FORM leads came through, and the screening policy's date.
insert into web_form (key, name, source_detail, allowed_origins, redirect_url, field_mapping, honeypot_field,
                      created_at, created_by, require_origin, consent_text, consent_field, consent_required)
select form_key, '官网咨询表单', '官网咨询表单', '["' || form_origin || '"]', form_origin || '/thanks',
       '{"size":"companySize","ctype":"customerType","cycle":"decisionCycle"}', '_gotcha',
       installed_at + interval '2 days', 'marketing.chen', true, form_consent, 'consent', true
  from hc;
update screening_policy set created_at = (select installed_at from hc) where version = 1 and created_by = 'system';

-- ---------------------------------------------------------------------------------------------------------------
-- lead: in registration order, as the captures committed.
insert into lead (id, external_ref, status, channel, customer_name, contact_name, phone, phone_raw, email, wechat,
                  source, source_detail, utm_source, utm_medium, utm_campaign, utm_term, utm_content, need_description,
                  industry, region, company_size, customer_type, budget_min, budget_max, budget_currency, budget_text,
                  decision_cycle_days, decision_cycle_text, declared_intent, given_grade, named_owner, consent_granted,
                  consent_at, consent_text, registered_at, captured_at, updated_at, screening_policy_version,
                  screened_at, rejection_reasons, phone_key, email_key, company_key, erased_at, erased_by, version,
                  owner_id, owner_since, consent_source, possible_duplicate_of, merged_into, merged_at, merged_by)
select id, null, case when erased then 'ERASED' else 'QUALIFIED' end, channel,
       case when not erased then customer_name end, case when not erased then contact_name end,
       case when not erased then phone end, case when not erased then phone_raw end,
       case when not erased then email end, case when not erased then wechat end,
       source, source_detail, utm_source, utm_medium, utm_campaign, null, null,
       case when not erased then need_description end,
       industry, region, company_size, customer_type, budget_min, budget_max, 'CNY',
       case when not erased then budget_text end,
       decision_cycle_days, case when not erased then decision_cycle_text end, declared_intent, null, null,
       consent_granted, case when consent_granted is not null then registered_at end,
       case when not erased then consent_text end,
       registered_at, captured_at, coalesce(erased_at, captured_at), 1, captured_at, null,
       case when not erased then phone end,
       case when not erased then lower(email) end,
       case when not erased then lower(replace(customer_name, '有限公司', '')) end,  -- '历史客户<g>有限公司' -> '历史客户<g>'
       erased_at, case when erased then 'admin.zhou' end, case when erased then 1 else 0 end,
       owner_id, assigned_at, case when not erased then consent_source end, null, null, null, null
  from il
 order by registered_at, id;

-- lead_day_counter: the last sequence each past day handed out.
insert into lead_day_counter (day, last_value)
select registered_on, max(g % 1000000)::int from il where g % 1000000 > 0 group by registered_on order by registered_on;

-- ---------------------------------------------------------------------------------------------------------------
-- lead_touch: the first capture of every lead and the duplicate submissions, in the order they came.
insert into lead_touch (id, lead_id, kind, matched_on, channel, source, source_detail, utm_source, utm_medium,
                        utm_campaign, utm_term, utm_content, submitted_at, submitted, origin_lead_id)
select t.id, t.lead_id, t.kind, t.matched_on, t.channel, t.source, t.source_detail, t.utm_source, t.utm_medium,
       t.utm_campaign, null, null, t.submitted_at,
       case when t.erased then null
            when t.channel = 'FORM' then
                -- FormService: the posted fields under their lead field names, in the page's order
                '{' || concat_ws(',', '"customerName":' || pg_temp.js(t.customer_name),
                                 '"contactName":' || pg_temp.js(t.contact_name),
                                 '"phone":' || pg_temp.js(t.phone_raw), '"email":' || pg_temp.js(t.email),
                                 '"wechat":' || pg_temp.js(t.wechat),
                                 '"needDescription":' || pg_temp.js(t.need_description),
                                 '"industry":' || pg_temp.js(t.industry_typed), '"region":' || pg_temp.js(t.region),
                                 '"companySize":' || pg_temp.js(t.company_size_text),
                                 '"customerType":' || pg_temp.js(t.customer_type_typed),
                                 '"budget":' || pg_temp.js(t.budget_text),
                                 '"decisionCycle":' || pg_temp.js(t.decision_cycle_text),
                                 '"utmSource":' || pg_temp.js(t.utm_source), '"utmMedium":' || pg_temp.js(t.utm_medium),
                                 '"utmCampaign":' || pg_temp.js(t.utm_campaign)) || '}'
            else
                -- LeadResource: the CaptureLeadRequest as sent (nulls left out)
                '{' || concat_ws(',', '"customerName":' || pg_temp.js(t.customer_name),
                                 '"contactName":' || pg_temp.js(t.contact_name),
                                 '"phone":' || pg_temp.js(t.phone_raw), '"email":' || pg_temp.js(t.email),
                                 '"wechat":' || pg_temp.js(t.wechat), '"source":' || pg_temp.js(t.source_typed),
                                 '"sourceDetail":' || pg_temp.js(t.source_detail),
                                 '"needDescription":' || pg_temp.js(t.need_description),
                                 '"industry":' || pg_temp.js(t.industry_typed), '"region":' || pg_temp.js(t.region),
                                 '"companySize":' || pg_temp.js(t.company_size_text),
                                 '"customerType":' || pg_temp.js(t.customer_type_typed),
                                 '"budget":{"text":' || pg_temp.js(t.budget_text) || '}',
                                 '"decisionCycle":' || pg_temp.js(t.decision_cycle_text),
                                 '"declaredIntent":' || pg_temp.js(t.intent_typed),
                                 '"consent":{"granted":true,"text":' || pg_temp.js(t.consent_text) || '}') || '}'
       end, null
  from (select 'TCH-' || pg_temp.uid('touch:' || id) as id, id as lead_id, 'ORIGINAL' as kind, null as matched_on,
               channel, source, source_detail, utm_source, utm_medium, utm_campaign, registered_at as submitted_at,
               erased, customer_name, contact_name, phone_raw, email, wechat, need_description, industry_typed,
               region, company_size_text, customer_type_typed, budget_text, decision_cycle_text,
               source_typed, case when channel = 'STAFF' then intent_typed end as intent_typed, consent_text
          from il
        union all
        select 'TCH-' || pg_temp.uid('duplicate:' || id), id, 'DUPLICATE', dup_matched_on, dup_channel,
               dup_source, dup_source_detail, dup_utm_source, dup_utm_medium, dup_utm_campaign, dup_at, false, customer_name, contact_name,
               case when dup_matched_on = 'PHONE' then phone_raw end, email, null, need_description,
               industry_typed, region, company_size_text, customer_type_typed, budget_text, decision_cycle_text,
               case when dup_channel = 'FORM' then '官网表单' else '展会' end,
               case when dup_channel = 'STAFF' then intent_typed end,
               case when dup_channel = 'STAFF' then '同意接收产品资讯' end
          from il where dup) t
 order by t.submitted_at, t.id;

-- ---------------------------------------------------------------------------------------------------------------
-- lead_change: routing's assignment of every lead, as OwnerService records it (blanked on erased leads).
insert into lead_change (lead_id, changed_by, changed_at, field, old_value, new_value, reason)
select id, 'lead-routing-service', assigned_at, 'ownerId', null,
       case when not erased then owner_id end,
       case when not erased then left('assigned: ' || r.rule_name || ' (rule ' || r.rule_id || ', ' || r.strategy || '); '
           || owner_name || coalesce(' covers ' || r.covers, '') || ' and has '
           || floor(g * (case grade when 'HIGH' then 0.2 else 0.4 end) / 3 * 0.7)::bigint || ' of 100000 open leads', 500) end
  from il
  cross join lateral (select case grade when 'HIGH' then 'HIGH to SENIOR reps, those matching industry or region first'
                                        when 'MEDIUM' then 'MEDIUM to JUNIOR reps, those matching industry or region first'
                                        else 'LOW to marketing nurture and sales assistants' end as rule_name,
                             case grade when 'HIGH' then 'high-senior' when 'MEDIUM' then 'medium-junior'
                                        else 'low-nurture' end as rule_id,
                             case grade when 'HIGH' then 'LEAST_LOADED' else 'ROUND_ROBIN' end as strategy,
                             case when grade = 'LOW' then null when industry = 'SOFTWARE' then 'SOFTWARE'
                                  when region = '上海' then '上海' end as covers) r
 order by assigned_at, id;

-- ---------------------------------------------------------------------------------------------------------------
-- Keys: this service's own per lead (LeadKeys), and the copies KeysReader keeps of every producer's keys.
insert into lead_key (lead_id, key_id, wrapped, created_at)
select id, 'lead-intake-service/' || id, pg_temp.wrapped('lead-intake-service/' || id), tx_at
  from il where not erased order by registered_at, id;

insert into event_key (key_id, lead_id, wrapped)
select k.key_id, il.id, pg_temp.wrapped(k.key_id)
  from il
  cross join lateral (values (1, 'lead-intake-service/' || il.id), (2, 'lead-routing-service/' || il.id),
                             (3, case when il.stage <> 'NEW' then 'followup-service/' || il.id end)) k(ord, key_id)
 where not il.erased and k.key_id is not null
 order by il.registered_at, il.id, k.ord;

-- Erased leads: forgotten by the outbox (OutboxWriter.forget) at their erasure.
insert into outbox_forgotten_lead (lead_id, forgotten_at)
select id, erased_at from il where erased order by erased_at;

-- ---------------------------------------------------------------------------------------------------------------
-- outbox_event: the published rows housekeeping has not deleted yet (the last 7 days), in commit order.
insert into outbox_event (event_id, topic, lead_id, event_type, envelope, created_at, published_at, record_key)
select e.event_id, e.topic, e.lead_id, e.event_type, e.envelope, e.created_at, e.published_at, e.record_key
  from (
    -- a capture: its key record first (LeadKeys.keyFor, inside the first emit), then LeadCaptured and LeadQualified
    select c.tx_at as created_at, c.id as lead_id, k.ord, c.published_at,
           case k.ord when 0 then 'leadflow.keys.v1' else 'leadflow.intake.v1' end as topic,
           case k.ord when 0 then 'LeadKey' when 1 then 'LeadCaptured' else 'LeadQualified' end as event_type,
           pg_temp.uid(case k.ord when 0 then 'LeadKey:' when 1 then 'LeadCaptured:' else 'LeadQualified:' end || c.id)
               as event_id,
           case k.ord when 0 then 'lead-intake-service/' || c.id end as record_key,
           case k.ord
             when 0 then '{"keyId":"lead-intake-service/' || c.id || '","leadId":"' || c.id
                 || '","producer":"lead-intake-service","wrapped":"' || pg_temp.b64(pg_temp.wrapped('lead-intake-service/' || c.id)) || '"}'
             else '{"eventId":"' || pg_temp.uid(case k.ord when 1 then 'LeadCaptured:' else 'LeadQualified:' end || c.id)
                 || '","eventType":"' || case k.ord when 1 then 'LeadCaptured' else 'LeadQualified' end
                 || '","schemaVersion":1,"leadId":"' || c.id || '","occurredAt":"'
                 || pg_temp.iso(c.captured_at + make_interval(secs => 0.001 * k.ord)) || '","producer":"lead-intake-service",'
                 || '"payload":{"lead":' || c.clear_profile
                 || case k.ord when 1 then ',"channel":"' || c.channel || '"}' else ',"screeningPolicyVersion":1}' end
                 || ',"sealed":{"keyId":"lead-intake-service/' || c.id || '","nonce":"'
                 || pg_temp.b64(pg_temp.rb('nonce:' || k.ord || ':' || c.id, 12)) || '","ciphertext":"'
                 || pg_temp.b64(pg_temp.rb('sealed:' || k.ord || ':' || c.id,
                        octet_length(convert_to('{"lead":' || c.full_profile
                            || case k.ord when 1 then ',"channel":"' || c.channel || '"}' else ',"screeningPolicyVersion":1}' end,
                            'UTF8')) + 16))
                 || '"}}'
           end as envelope
      from (select il.*,
                   il.captured_at + make_interval(secs => 0.02 + pg_temp.h(il.g, 'publish') * 0.2) as published_at,
                   '{' || concat_ws(',', '"source":' || pg_temp.js(source), '"industry":' || pg_temp.js(industry),
                                    '"region":' || pg_temp.js(region), '"companySize":' || company_size,
                                    '"customerType":' || pg_temp.js(customer_type),
                                    '"budget":{' || concat_ws(',', '"min":' || budget_min, '"max":' || budget_max, '"currency":"CNY"') || '}',
                                    '"decisionCycleDays":' || decision_cycle_days,
                                    '"declaredIntent":' || pg_temp.js(declared_intent),
                                    '"registeredAt":' || pg_temp.js(pg_temp.iso(registered_at))) || '}' as clear_profile,
                   '{' || concat_ws(',', '"customerName":' || pg_temp.js(customer_name),
                                    '"contactName":' || pg_temp.js(contact_name), '"phone":' || pg_temp.js(phone),
                                    '"email":' || pg_temp.js(email), '"wechat":' || pg_temp.js(wechat),
                                    '"source":' || pg_temp.js(source), '"sourceDetail":' || pg_temp.js(source_detail),
                                    case when utm_source is not null then '"utm":{' || concat_ws(',',
                                        '"source":' || pg_temp.js(utm_source), '"medium":' || pg_temp.js(utm_medium),
                                        '"campaign":' || pg_temp.js(utm_campaign)) || '}' end,
                                    '"needDescription":' || pg_temp.js(need_description),
                                    '"industry":' || pg_temp.js(industry), '"region":' || pg_temp.js(region),
                                    '"companySize":' || company_size, '"customerType":' || pg_temp.js(customer_type),
                                    '"budget":{' || concat_ws(',', '"min":' || budget_min, '"max":' || budget_max,
                                        '"currency":"CNY"', '"text":' || pg_temp.js(budget_text)) || '}',
                                    '"decisionCycleDays":' || decision_cycle_days,
                                    '"declaredIntent":' || pg_temp.js(declared_intent),
                                    case when consent_granted is not null then '"consent":{"granted":true,"at":"'
                                        || pg_temp.iso(registered_at) || '","text":' || pg_temp.js(consent_text) || '}' end,
                                    '"registeredAt":' || pg_temp.js(pg_temp.iso(registered_at))) || '}' as full_profile
              from il
             where not il.erased
               and il.captured_at > (select now_ts - interval '7 days' from hc)) c
     cross join (values (0), (1), (2)) k(ord)
    union all
    -- a duplicate submission that joined a lead (CaptureService.merge)
    select d.dup_at + interval '2 milliseconds', d.id, 0, d.dup_at + make_interval(secs => 0.03 + pg_temp.h(d.g, 'dup_publish') * 0.2),
           'leadflow.intake.v1', 'DuplicateLeadMerged', pg_temp.uid('DuplicateLeadMerged:' || d.id), null,
           '{"eventId":"' || pg_temp.uid('DuplicateLeadMerged:' || d.id) || '","eventType":"DuplicateLeadMerged",'
               || '"schemaVersion":1,"leadId":"' || d.id || '","occurredAt":"' || pg_temp.iso(d.dup_at + interval '6 milliseconds')
               || '","producer":"lead-intake-service","payload":{"touchId":"TCH-' || pg_temp.uid('duplicate:' || d.id)
               || '","matchedOn":"' || d.dup_matched_on || '","source":"' || d.dup_source
               || '","submittedAt":"' || pg_temp.iso(d.dup_at) || '"},"sealed":{"keyId":"lead-intake-service/' || d.id
               || '","nonce":"' || pg_temp.b64(pg_temp.rb('nonce:dup:' || d.id, 12)) || '","ciphertext":"'
               || pg_temp.b64(pg_temp.rb('sealed:dup:' || d.id, 16 + octet_length(convert_to(
                      '{"touchId":"TCH-' || pg_temp.uid('duplicate:' || d.id) || '","matchedOn":"' || d.dup_matched_on
                      || '","source":"' || d.dup_source || '","sourceDetail":' || pg_temp.js(d.dup_source_detail)
                      || coalesce(',"utm":{"source":' || pg_temp.js(d.dup_utm_source) || ',"medium":'
                                  || pg_temp.js(d.dup_utm_medium) || ',"campaign":' || pg_temp.js(d.dup_utm_campaign) || '}', '')
                      || ',"submittedAt":"' || pg_temp.iso(d.dup_at) || '"}', 'UTF8'))))
               || '"}}'
      from il d
     where d.dup and d.dup_at > (select now_ts - interval '7 days' from hc)
  ) e
 order by e.created_at, e.lead_id, e.ord;

-- ---------------------------------------------------------------------------------------------------------------
-- processed_event: routing's LeadAssigned events this service applied in the last 90 days (RoutingEventsHandler).
insert into processed_event (consumer, event_id, processed_at)
select 'intake-owners', pg_temp.uid('LeadAssigned:' || id),
       assigned_at + make_interval(secs => 0.03 + pg_temp.h(g, 'owner_applied') * 0.3)
  from il
 where assigned_at > (select now_ts - interval '90 days' + interval '1 minute' from hc)
 order by assigned_at, id;

-- form_submission: the Idempotency-Keys of the last 24 h of form posts (housekeeping forgets older ones).
insert into form_submission (form_key, idempotency_key, lead_id, outcome, touch_id, created_at)
select (select form_key from hc), pg_temp.uid('idempotency:' || s.touch_id)::text, s.lead_id, s.outcome, s.touch_id,
       s.at
  from (select id as lead_id, 'CREATED' as outcome, 'TCH-' || pg_temp.uid('touch:' || id) as touch_id,
               registered_at - interval '2 milliseconds' as at
          from il where channel = 'FORM' and not erased
        union all
        select id, 'DUPLICATE', 'TCH-' || pg_temp.uid('duplicate:' || id), dup_at - interval '2 milliseconds'
          from il where dup and dup_channel = 'FORM') s
 where s.at > (select now_ts - interval '24 hours' + interval '10 minutes' from hc)
 order by s.at;

-- VACUUM as well as ANALYZE: a year-old database has its hint bits and visibility map set and its GIN pending list
-- merged by autovacuum long ago; without it autovacuum would do that work for the bulk insert during the benchmark.
vacuum analyze lead;
vacuum analyze lead_touch;
vacuum analyze lead_change;
vacuum analyze lead_day_counter;
vacuum analyze lead_key;
vacuum analyze event_key;
vacuum analyze outbox_event;
vacuum analyze outbox_forgotten_lead;
vacuum analyze processed_event;
vacuum analyze form_submission;
vacuum analyze web_form;
vacuum analyze screening_policy;
