-- A lead staff merged into another (LeadMerged) is closed like a won or lost one: its ownership ends, it leaves the
-- queue, and it is neither graded nor assigned again.
alter table lead drop constraint lead_status_check;
alter table lead add constraint lead_status_check check (status in ('OPEN', 'WON', 'LOST', 'MERGED', 'ERASED'));
