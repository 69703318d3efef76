-- Spreadsheet imports: one row per uploaded file (its hash makes a re-upload a no-op) and one per data row.
create table lead_import (
    id               text primary key,
    file_name        text,
    format           text        not null,            -- CSV or XLSX
    charset          text,
    sha256           text        not null unique,
    status           text        not null,            -- PROCESSING, DONE, FAILED
    total_rows       integer     not null default 0,
    qualified        integer     not null default 0,
    rejected         integer     not null default 0,
    duplicates       integer     not null default 0,
    already_imported integer     not null default 0,
    invalid          integer     not null default 0,
    error            text,
    created_at       timestamptz not null,
    created_by       text        not null,
    finished_at      timestamptz
);

create table lead_import_row (
    import_id  text    not null references lead_import (id),
    row_number integer not null,                    -- as the spreadsheet numbers it: the header is row 1
    outcome    text    not null,                    -- QUALIFIED, REJECTED, DUPLICATE, ALREADY_IMPORTED, INVALID
    lead_id    text,
    reasons    text,                                -- JSON array of {code, message}
    primary key (import_id, row_number)
);
create index lead_import_row_outcome on lead_import_row (import_id, outcome, row_number);
