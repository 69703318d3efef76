-- A lead staff merged into another (LeadMerged): closed for good at the merge (closed_at), its open tasks cancelled,
-- its SLA clock stopped; work on it goes to the lead it was merged into.
alter table lead_state add column merged_into text;
