-- A lead staff merged into another (LeadMerged) is its duplicate: reports stop counting it. Its facts keep the merge
-- and its registration time, and registered_on (the day a lead counts in reports; null while unknown) goes null, so
-- every count, the cube and the short edge leave it out through the one rule they already share.
alter table lead_fact add column merged_into text;
