-- The lead export pages through facts newest registration first.
create index lead_fact_export on lead_fact (generation, registered_at desc nulls first, lead_id);
