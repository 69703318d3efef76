-- When a generation marked an event applied. A generation needs the mark only while the event can be delivered to it
-- again (a redelivery to the live consumer, a replay meeting the live consumer during a rebuild), as long as
-- processed_event remembers it; lead-events' housekeeping purges older marks through this index, so the table holds a
-- window of events instead of every event ever. Marks made before this column take the migration's time.
alter table generation_event add column applied_at timestamptz not null default now();
create index generation_event_applied on generation_event (applied_at);
