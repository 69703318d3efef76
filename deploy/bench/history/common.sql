-- deploy/bench/history/common.sql: the one year of history every service's seed describes, so the four databases
-- tell the same story about the same leads (same ids, dates, grades, owners, outcomes). Included by each seed with
-- \ir; makes the temporary table history_lead in the session. Deterministic: every choice is a hash of the lead's
-- number g and a salt, never random(), so two databases (and two runs) get identical rows.
--
-- Variables: n (leads, at most 1,000,000), until (a date; history ends the day before it, in Asia/Shanghai, so no
-- history lead shares today's lead numbers or day counter with the leads a benchmark captures today).
\set ON_ERROR_STOP on
set client_min_messages = warning;
\if :{?until}
\else
  select to_char((now() at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as until \gset
\endif

-- A number in [0, 1) from a lead number and a salt: stable across databases of the same PostgreSQL version.
create or replace function pg_temp.h(g bigint, salt text) returns double precision language sql immutable as
$$ select (hashtext(g::text || ':' || salt)::bigint & 2147483647) / 2147483648.0 $$;

-- What the seeds write as the services' Java would (intake.sql and routing.sql use them).
-- Declared stable like the to_char/to_json/convert_to inside them so that the planner inlines them.
-- Instant.toString / Jackson's ISO_INSTANT: seconds, then .SSS or .SSSSSS only as needed, 'Z'.
create or replace function pg_temp.iso(t timestamptz) returns text language sql stable as $$
select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
       || case when (extract(microseconds from t)::bigint % 1000000) = 0 then ''
               when (extract(microseconds from t)::bigint % 1000) = 0 then to_char(t at time zone 'UTC', '.MS')
               else to_char(t at time zone 'UTC', '.US') end || 'Z' $$;
-- A JSON string as Jackson writes it (non-ASCII as is); null stays null, so "k":null pieces drop out of concat_ws.
create or replace function pg_temp.js(t text) returns text language sql stable as $$ select to_json(t)::text $$;
create or replace function pg_temp.uid(t text) returns uuid language sql immutable as $$ select md5(t)::uuid $$;
-- len random-looking bytes from a seed; base64 without line breaks, as java.util.Base64.getEncoder() writes it.
create or replace function pg_temp.rb(seed text, len int) returns bytea language sql stable as $$
select substring(string_agg(sha256(convert_to(seed || ':' || i, 'UTF8')), ''::bytea order by i) from 1 for len)
  from generate_series(0, (len - 1) / 32) i $$;
create or replace function pg_temp.b64(b bytea) returns text language sql immutable as $$
select translate(encode(b, 'base64'), E'\n', '') $$;
-- A wrapped lead key: 60 bytes (nonce 12 + key 32 + tag 16), bound to the key id.
create or replace function pg_temp.wrapped(key_id text) returns bytea language sql stable as $$
select sha256(convert_to(key_id, 'UTF8')) || substring(sha256(convert_to(key_id || ':2', 'UTF8')) from 1 for 28) $$;

drop table if exists pg_temp.history_lead;
create temp table history_lead as
select g, lead_id, registered_at, registered_on, source, industry, region, company_size, customer_type, grade,
       decision_cycle_days, budget_min, f.outcome,
       -- the moment the outcome was recorded: a sales cycle after registration
       case when f.outcome = 'OPEN' then null else c.closing end as closed_at,
       -- where an open lead stands now (older open leads have gone further, or went to nurturing)
       case when f.outcome = 'WON' then 'WON' when f.outcome = 'LOST' then 'LOST'
            when grade = 'LOW' then 'NURTURING'
            else (array['NEW','CONTACTED','NEEDS_CONFIRMED','PROPOSAL','NEGOTIATION'])[1 + floor(pg_temp.h(g, 'stage') * 5)::int]
       end as stage,
       'bench-' || pool || '-' || k as owner_id,
       '压测销售' || ((case pool when 'SENIOR' then 0 when 'JUNIOR' then 6 else 12 end) + k) as owner_name,
       pool as owner_seniority,
       registered_at + ((5 + floor(pg_temp.h(g, 'assign') * 600)) || ' seconds')::interval as assigned_at,
       '历史客户' || g || '有限公司' as customer_name,
       (array['王','李','张','刘','陈','杨','赵','黄'])[1 + g % 8] || (array['总','经理','先生','女士'])[1 + g % 4] as contact_name,
       -- 158 is not among the prefixes deploy/bench's captures use, so no capture is a duplicate of history
       '+86158' || lpad(g::text, 8, '0') as phone,
       'h' || g || '@history-' || (g % 97) || '.example.cn' as email
  from (select g, 'LX' || to_char(day, 'YYYYMMDD') || lpad((g % 1000000)::text, 6, '0') as lead_id,
               (day::timestamp + ((8 * 3600 + floor(pg_temp.h(g, 'second') * 12 * 3600)) || ' seconds')::interval)
                   at time zone 'Asia/Shanghai' as registered_at,
               day as registered_on,
               (array['TRADE_SHOW','WEBSITE_FORM','PARTNER_REFERRAL','SOCIAL_MEDIA','CUSTOMER_REFERRAL'])[1 + floor(pg_temp.h(g, 'source') * 5)::int] as source,
               (array['SOFTWARE','MANUFACTURING','RETAIL','FINANCE','EDUCATION','LOGISTICS'])[1 + floor(pg_temp.h(g, 'industry') * 6)::int] as industry,
               (array['上海','杭州','北京','深圳','成都','广州'])[1 + floor(pg_temp.h(g, 'region') * 6)::int] as region,
               (array['20-49人','50-99人','100-199人','200-499人','1000人以上'])[1 + floor(pg_temp.h(g, 'size') * 5)::int] as company_size,
               (array['ENTERPRISE','SMB','GOVERNMENT','INDIVIDUAL'])[1 + floor(pg_temp.h(g, 'ctype') * 4)::int] as customer_type,
               -- six reps a pool: at a million leads a year each keeps ~51,000 open, under routing's
               -- largest capacity (100,000)
               grade, pool, 1 + floor(pg_temp.h(g, 'owner') * 6)::int as k,
               (array[14, 30, 45, 60, 90, 120, 180])[1 + floor(pg_temp.h(g, 'days') * 7)::int] as decision_cycle_days,
               (array[30000, 80000, 200000, 1500000])[1 + floor(pg_temp.h(g, 'budget') * 4)::int] as budget_min,
               -- about 70 % still open, as the template's cadence keeps low-intent leads for months
               case when pg_temp.h(g, 'outcome') < 0.10 then 'WON' when pg_temp.h(g, 'outcome') < 0.30 then 'LOST'
                    else 'OPEN' end as outcome
          from (select g,
                       -- spread evenly over the 365 days before :until (oldest first)
                       :'until'::date - 365 + floor((g - 1) * 365.0 / :n)::int as day,
                       case when pg_temp.h(g, 'grade') < 0.2 then 'HIGH' when pg_temp.h(g, 'grade') < 0.6 then 'MEDIUM'
                            else 'LOW' end as grade
                  from generate_series(1, :n) g) d
          cross join lateral (select case d.grade when 'HIGH' then 'SENIOR' when 'MEDIUM' then 'JUNIOR'
                                     else 'NURTURE' end as pool) p) l
  cross join lateral (select l.registered_at
                                 + (l.decision_cycle_days * (0.5 + pg_temp.h(l.g, 'cycle')) || ' days')::interval
                             as closing) c
  -- a lead whose cycle would end today or later is still open: history holds no outcome from the future
  cross join lateral (select case when l.outcome <> 'OPEN'
                                       and c.closing < :'until'::date::timestamp at time zone 'Asia/Shanghai'
                                  then l.outcome else 'OPEN' end as outcome) f;
alter table history_lead add primary key (g);
analyze history_lead;
