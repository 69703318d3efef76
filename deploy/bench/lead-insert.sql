-- pgbench baseline: one lead row, INSERT + COMMIT (autocommit), same columns as a staff capture fills, into a copy of
-- intake's lead table with all its indexes (unique phone/email/company keys, the list indexes, the trigram GIN index).
-- The sequence makes every id and key unique, as the load generator's leads are.
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
from (select nextval('bench_seq') as n) s;
