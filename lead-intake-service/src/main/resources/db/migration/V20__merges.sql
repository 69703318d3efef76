-- Staff merge a lead judged a duplicate into another: the merged lead keeps its row (status MERGED, its person's
-- data its own, erasable apart) and points at the lead it went into; its touches move there, remembering where they
-- came from so that erasing the merged lead still finds them.
alter table lead add column merged_into text;
alter table lead add column merged_at timestamptz;
alter table lead add column merged_by text;
create index lead_merged_into on lead (merged_into) where merged_into is not null;

alter table lead_touch add column origin_lead_id text;
create index lead_touch_origin on lead_touch (origin_lead_id) where origin_lead_id is not null;
