-- Public form rate limits counted in the database, so that every instance counts the same window (N instances no
-- longer mean N times the limit) and no instance keeps an unbounded map of addresses. One row per counted key
-- (an address or its IPv6 /64, a form); housekeeping deletes windows long over.
create table rate_limit (
    key          text        primary key,
    window_start timestamptz not null,
    count        integer     not null
);
create index rate_limit_window on rate_limit (window_start);
