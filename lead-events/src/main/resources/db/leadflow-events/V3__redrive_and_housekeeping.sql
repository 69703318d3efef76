-- Dead letters an operator re-drove to their original topic: the listing shows them as done, and re-driving the
-- same one again is a no-op. Keyed by the event too, so a dead-letter topic recreated from offset 0 never makes a
-- new dead letter look re-driven. Kept as long as the dead letters themselves (forever, like the topics).
create table dead_letter_redrive (
    dead_letter_id text        not null,   -- <dead-letter topic>:<partition>:<offset>
    event_id       uuid        not null,
    original_topic text        not null,
    redriven_at    timestamptz not null,
    redriven_by    text        not null,
    primary key (dead_letter_id, event_id)
);

-- Housekeeping deletes the oldest processed_event marks in small batches: find them through an index, not a scan.
create index processed_event_processed_at on processed_event (processed_at);
