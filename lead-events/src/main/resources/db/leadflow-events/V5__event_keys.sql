-- Crypto-shredding. Personal fields of an event travel encrypted with a key of its lead, so that destroying the key
-- on erasure leaves the topics' events (kept for rebuilds) with nothing readable about the person.

-- The keys this service made for the leads it publishes about, wrapped with the suite's master key. Deleted when
-- the lead is erased (OutboxWriter.forget); the lead's events are unreadable from then on, wherever they are.
create table lead_key (
    lead_id    text        primary key,
    key_id     text        not null unique,
    wrapped    bytea       not null,
    created_at timestamptz not null default now()
);

-- Every producer's keys as this service read them from the compacted keys topic (KeyRing), to open the events it
-- consumes, also when it replays them. A tombstone on the topic, or this service's own erasure, deletes the copy.
create table event_key (
    key_id  text  primary key,
    lead_id text  not null,
    wrapped bytea not null
);
create index event_key_lead on event_key (lead_id);

-- How far this service has read the keys topic, per partition: stored with the keys, so a restart resumes exactly.
create table event_key_position (
    topic       text   not null,
    partition   int    not null,
    next_offset bigint not null,
    primary key (topic, partition)
);

-- The outbox also carries the keys topic's records: keyed by the key's id rather than the lead's, and a null value
-- is a tombstone (the key destroyed, so compaction removes it from the topic).
alter table outbox_event add column record_key text;
alter table outbox_event alter column envelope drop not null;
