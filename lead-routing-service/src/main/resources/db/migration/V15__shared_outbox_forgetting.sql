-- Forgetting an erased lead's events is lead-events' (OutboxWriter.forget), through its own partial indexes on
-- outbox_event: this service's index of every row by lead is no longer read, only written with every event.
drop index if exists outbox_event_lead;
