-- Leads erased in this service (OutboxWriter.forget): a row of theirs the relay publishes afterwards (one it was
-- sending at the erasure, an event emitted since) is deleted once Kafka has it instead of being kept. Only ids.
create table outbox_forgotten_lead (
    lead_id      text        primary key,
    forgotten_at timestamptz not null default now()
);
