-- A public post that matches an existing lead on the company name alone is a lead of its own, linked to that one for
-- staff to judge (never merged into another person's lead).
alter table lead add column possible_duplicate_of text;
create index lead_possible_duplicate on lead (possible_duplicate_of) where possible_duplicate_of is not null;
