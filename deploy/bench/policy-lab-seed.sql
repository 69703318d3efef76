-- deploy/bench/policy-lab-seed.sql: :n synthetic qualified leads for routing's policy lab, registered over the quarter
-- starting :'start' (Asia/Shanghai), with profiles shaped as routing stores them (LeadProfile JSON without contact
-- data), a grade as the default policy would roughly give, and outcomes that favour short decision cycles, so a
-- backtest has something to separate. Run: psql -v n=250000 -v start=2026-07-01 -v tag=Q3 -f policy-lab-seed.sql
-- (tag keeps lead ids apart when several quarters are seeded)
\set ON_ERROR_STOP on
insert into lead (lead_id, status, qualified, profile, source, industry, region, grade, score, grade_origin,
                  grading_policy_version, grade_reasons, graded_at, registered_at, closed_at, created_at, updated_at)
select 'LXB' || :'tag' || lpad(g::text, 9, '0'),
       status, true,
       jsonb_build_object(
           'customerName', '基准公司' || g, 'source', src, 'needDescription', need, 'industry', ind, 'region', reg,
           'companySize', size, 'customerType', ctype, 'decisionCycleDays', days, 'declaredIntent', intent,
           'budget', jsonb_build_object('min', bmin, 'max', bmin * 1.5, 'currency', 'CNY', 'text', null),
           'givenGrade', given,
           'registeredAt', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text,
       src, ind, reg, grade, 0, case when given is null then 'POLICY' else 'GIVEN' end, 1, '[]', at, at,
       case when status = 'OPEN' then null else at + (days || ' days')::interval end, at, at
  from (select g, at, src, need, ind, reg, size, ctype, days, intent, bmin, given,
               case when explicit and days <= 30 then 'HIGH' when days <= 90 then 'MEDIUM' else 'LOW' end as grade,
               case when random() < (case when days <= 30 then 0.35 when days <= 90 then 0.12 else 0.03 end) then 'WON'
                    when random() < 0.5 then 'LOST' else 'OPEN' end as status
          from (select g,
                       (:'start'::date + (random() * 90.99) * interval '1 day') at time zone 'Asia/Shanghai' as at,
                       (array['TRADE_SHOW','WEBSITE_FORM','PARTNER_REFERRAL','SOCIAL_MEDIA','CUSTOMER_REFERRAL'])[1 + (g % 5)] as src,
                       random() < 0.5 as explicit,
                       (array['需要CRM系统','计划采购ERP','了解一下','暂无明确需求','咨询报价'])[1 + (g % 5)] as need,
                       (array['SOFTWARE','MANUFACTURING','RETAIL','FINANCE'])[1 + (g % 4)] as ind,
                       (array['上海','杭州','北京','深圳','成都'])[1 + (g % 5)] as reg,
                       (array[20, 80, 150, 600])[1 + (g % 4)] as size,
                       (array['ENTERPRISE','SMB','GOVERNMENT','INDIVIDUAL'])[1 + (g % 4)] as ctype,
                       (array[14, 30, 45, 60, 90, 120, 180])[1 + (g % 7)] as days,
                       (array['HIGH','MEDIUM','LOW',null])[1 + (g % 4)] as intent,
                       (array[30000, 80000, 200000, 1500000])[1 + (g % 4)] as bmin,
                       case when g % 20 = 0 then '高意向' end as given
                  from generate_series(1, :n) g) raw) graded;
analyze lead;
