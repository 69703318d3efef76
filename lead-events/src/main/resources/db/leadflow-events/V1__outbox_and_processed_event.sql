-- Shared by every service (shipped in lead-events). Versions 1-9 of the schema history are reserved for
-- lead-events; each service numbers its own migrations from V10.

-- The transactional outbox: a state change and its events commit together; the relay publishes rows in seq order.
create table outbox_event (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    lead_id      text        not null,
    event_type   text        not null,
    envelope     text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
-- The relay only ever looks for unpublished rows; keep that lookup small however large the table grows.
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Idempotent consumers: a handler first inserts (consumer, event_id); a conflict means "already applied".
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
