-- The forgotten-leads sweep (every 30 s) reads only the leads forgotten within the outbox's retention; the table
-- keeps every erasure ever, so without this index each sweep reads all of them.
create index outbox_forgotten_lead_at on outbox_forgotten_lead (forgotten_at);
