-- A problem row's report hands the row back as it was (the sheet's columns, in its order) to be fixed and uploaded
-- again: the import keeps its header, and each row that did not qualify its cells, for a limited time
-- (leadflow.intake.imports.keep-problem-cells) and never past the erasure of the row's lead.
alter table lead_import add column columns text;                 -- JSON array: the header row as uploaded
alter table lead_import_row add column cells text;               -- JSON array: the row's cells; null once forgotten
create index lead_import_created on lead_import (created_at);
