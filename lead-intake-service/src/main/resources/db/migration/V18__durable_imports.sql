-- Imports become jobs kept in the database, so that any instance can take up an import another one left (stopped,
-- crashed, or its lease lapsed): the uploaded file lives here until its import ends, a worker holds the import
-- under a lease it renews with every row, and each row's outcome commits with the row's capture, so a resumed import
-- starts after the last recorded row and neither skips nor doubles one.
alter table lead_import add column rows_in_file integer;                 -- non-blank data rows counted at upload
alter table lead_import add column attempts     integer not null default 0; -- times a worker took the import up
alter table lead_import add column claimed_by   text;                    -- the instance working on it now
alter table lead_import add column lease_until  timestamptz;             -- its claim lapses after this
alter table lead_import add column started_at   timestamptz;
alter table lead_import add column retry_of     text references lead_import (id); -- the FAILED import of the same bytes

-- The same bytes answer the import that has them, unless it FAILED: then they may be uploaded again, as a new import.
alter table lead_import drop constraint lead_import_sha256_key;
create unique index lead_import_sha256_live on lead_import (sha256) where status <> 'FAILED';
create index lead_import_sha256 on lead_import (sha256, created_at);
-- What the pollers look for: work not held by a live lease.
create index lead_import_open on lead_import (created_at) where status in ('QUEUED', 'PROCESSING');

-- Imports that were running when the service was replaced by this version had their file on a local disk and a
-- worker thread that is gone: nothing can resume them. They end FAILED, and their file may be uploaded again.
update lead_import set status = 'FAILED', finished_at = now(),
    error = 'The import was interrupted by an update of the service before it finished; upload the same file again '
            || 'to import the rest.'
where status = 'PROCESSING';

create table lead_import_file (
    import_id text    not null references lead_import (id) on delete cascade,
    chunk     integer not null,                     -- 0, 1, ... in file order
    bytes     bytea   not null,
    primary key (import_id, chunk)
);

-- The person a row names, as intake's duplicate keys read a phone and an email, kept even for a row that did not
-- become a lead, so that erasing the person also clears that row's cells.
alter table lead_import_row add column phone_key text;
alter table lead_import_row add column email_key text;
create index lead_import_row_phone_key on lead_import_row (phone_key) where phone_key is not null;
create index lead_import_row_email_key on lead_import_row (email_key) where email_key is not null;
