-- Erasure deletes a lead's published outbox rows (they carry its profile) by lead id: keep that a lookup, not a scan.
create index outbox_event_published_lead on outbox_event (lead_id) where published_at is not null;
