-- (pgbench reads :name as a variable even inside a literal, hence 'company:' || '...' and ": " in the JSON.)
-- pgbench, informational: the SQL a capture runs, without the service: advisory locks on the three duplicate
-- keys, the duplicate lookup, the day-counter upsert (one hot row per business day), the lead, its touch and the
-- two outbox events (LeadCaptured, LeadQualified), in one transaction. The relay's later read-and-mark of the
-- outbox rows is not included.
select nextval('bench_seq') as n \gset
begin;
select pg_advisory_xact_lock(hashtextextended('company:' || '上海星辰' || :n::bigint || '科技', 7031));
select pg_advisory_xact_lock(hashtextextended('email:' || 'lead' || :n::bigint || '@bench-c' || :n::bigint || '.cn', 7031));
select pg_advisory_xact_lock(hashtextextended('phone:+86139' || lpad(:n::text, 8, '0'), 7031));
select id from lead where phone_key = '+86139' || lpad(:n::text, 8, '0')
   or email_key = 'lead' || :n::bigint || '@bench-c' || :n::bigint || '.cn' or company_key = '上海星辰' || :n::bigint || '科技';
insert into lead_day_counter (day, last_value) values (current_date, 1)
    on conflict (day) do update set last_value = lead_day_counter.last_value + 1 returning last_value;
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
