-- (pgbench reads :name as a variable even inside a literal, hence 'company:' || '...' and ": " in the JSON.)
-- pgbench, informational: the SQL a staff capture of a new lead runs (LeadStore, CaptureService), without the service:
-- the day's lead number from the counter in a statement of its own (autocommit, on intake's second pool, before the
-- capture's transaction holds anything), then in one transaction: one statement taking the advisory locks of the
-- sorted duplicate keys, the duplicate lookup over the three partial unique keys, the screening policy's version,
-- the claim of the number, the lead, its touch and the two outbox events (LeadCaptured, LeadQualified). The relay's
-- later read-and-mark of the outbox rows is not included.
select nextval('bench_seq') as n \gset
insert into lead_day_counter (day, last_value) values (current_date, 1)
    on conflict (day) do update set last_value = lead_day_counter.last_value + 1 returning last_value;
begin;
select count(pg_advisory_xact_lock(hashtextextended(k, 7031)))
from unnest(array['company:' || '上海星辰' || :n::bigint || '科技', 'email:' || 'lead' || :n::bigint || '@bench-c' || :n::bigint || '.cn',
                  'phone:+86139' || lpad(:n::text, 8, '0')]) as u(k);
select id, case when phone_key = '+86139' || lpad(:n::text, 8, '0') then 'PHONE'
                when email_key = 'lead' || :n::bigint || '@bench-c' || :n::bigint || '.cn' then 'EMAIL' else 'COMPANY' end
from lead
where (phone_key = '+86139' || lpad(:n::text, 8, '0') or email_key = 'lead' || :n::bigint || '@bench-c' || :n::bigint || '.cn'
       or company_key = '上海星辰' || :n::bigint || '科技') and id <> '' and status <> 'ERASED'
order by case when phone_key = '+86139' || lpad(:n::text, 8, '0') then 0
              when email_key = 'lead' || :n::bigint || '@bench-c' || :n::bigint || '.cn' then 1 else 2 end
limit 1;
select coalesce(max(version), 0) from screening_policy;
select pg_try_advisory_xact_lock(hashtextextended('ref:' || 'LX' || to_char(now(), 'YYYYMMDD') || lpad(:n::text, 8, '0'), 7031))
   and not exists (select 1 from lead where id = 'LX' || to_char(now(), 'YYYYMMDD') || lpad(:n::text, 8, '0'))
   and not exists (select 1 from lead where external_ref = 'LX' || to_char(now(), 'YYYYMMDD') || lpad(:n::text, 8, '0'));
insert into lead (id, status, channel, customer_name, contact_name, phone, phone_raw, email, wechat, source,
                  source_detail, utm_campaign, need_description, industry, region, company_size, budget_min,
                  budget_max, budget_currency, budget_text, decision_cycle_days, decision_cycle_text, declared_intent,
                  consent_granted, consent_at, consent_text, registered_at, captured_at, updated_at,
                  screening_policy_version, screened_at, phone_key, email_key, company_key)
select 'LX' || to_char(now(), 'YYYYMMDD') || lpad(n::text, 8, '0'), 'QUALIFIED', 'STAFF',
       '上海星辰' || n || '科技有限公司', '张经理', '+86139' || lpad(n::text, 8, '0'), '139 ' || lpad(n::text, 8, '0'),
       'lead' || n || '@bench-c' || n || '.cn', 'wx_bench_' || n, 'TRADE_SHOW', '2024 上海数字化展会', 'bench',
       '需要CRM系统，计划下季度上线', 'SOFTWARE', '上海', 100, 100000, 150000, 'CNY', '10-15万', 30, '1个月', 'HIGH',
       true, now(), '同意接收产品资讯', now(), now(), now(), 1, now(),
       '+86139' || lpad(n::text, 8, '0'), 'lead' || n || '@bench-c' || n || '.cn', '上海星辰' || n || '科技'
from (select :n::bigint as n) s;
insert into lead_touch (id, lead_id, kind, channel, source, source_detail, utm_campaign, submitted_at, submitted)
values ('T-' || gen_random_uuid(), 'LX' || to_char(now(), 'YYYYMMDD') || lpad(:n::text, 8, '0'), 'ORIGINAL', 'STAFF',
        'TRADE_SHOW', '2024 上海数字化展会', 'bench', now(),
        '{"customerName": "上海星辰科技有限公司","contactName": "张经理","phone": "139 1234 5678","email": "zhang@xingchen-tech.cn","source": "展会","sourceDetail": "2024 上海数字化展会","needDescription": "需要CRM系统，计划下季度上线","industry": "软件","region": "上海","companySize": "100-199人","budget": "10-15万","decisionCycle": "1个月","declaredIntent": "高意向","consent": {"granted": true,"text": "同意接收产品资讯"}}');
insert into outbox_event (event_id, topic, lead_id, event_type, envelope)
values (gen_random_uuid(), 'leadflow.intake.v1', 'LX' || lpad(:n::text, 14, '0'), 'LeadCaptured',
        '{"eventType": "LeadCaptured","schemaVersion": 1,"producer": "lead-intake-service","payload": {"profile": {"customerName": "上海星辰科技有限公司","contactName": "张经理","source": "TRADE_SHOW","sourceDetail": "2024 上海数字化展会","needDescription": "需要CRM系统，计划下季度上线","industry": "SOFTWARE","region": "上海","companySize": 100,"budget": {"min": 100000,"max": 150000,"currency": "CNY","text": "10-15万"},"decisionCycleDays": 30,"decisionCycleText": "1个月","declaredIntent": "HIGH","consent": {"granted": true}},"channel": "STAFF"}}');
insert into outbox_event (event_id, topic, lead_id, event_type, envelope)
values (gen_random_uuid(), 'leadflow.intake.v1', 'LX' || lpad(:n::text, 14, '0'), 'LeadQualified',
        '{"eventType": "LeadQualified","schemaVersion": 1,"producer": "lead-intake-service","payload": {"profile": {"customerName": "上海星辰科技有限公司","contactName": "张经理","source": "TRADE_SHOW","sourceDetail": "2024 上海数字化展会","needDescription": "需要CRM系统，计划下季度上线","industry": "SOFTWARE","region": "上海","companySize": 100,"budget": {"min": 100000,"max": 150000,"currency": "CNY","text": "10-15万"},"decisionCycleDays": 30,"decisionCycleText": "1个月","declaredIntent": "HIGH","consent": {"granted": true}},"policyVersion": 1}}');
commit;
