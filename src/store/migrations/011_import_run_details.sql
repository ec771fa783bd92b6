-- What `lantern datasets` shows about each import run without scanning trade_flows, and the link
-- from a replaced run to the run that replaced it (owned by src/ingest/).
alter table import_runs add column year_min smallint;
alter table import_runs add column year_max smallint;
alter table import_runs add column reporters integer;
alter table import_runs add column options varchar;       -- JSON: options that shaped the data (hs_edition, encoding …)
alter table import_runs add column replaced_by integer;   -- set when `--replace` swapped this run out; its rows are gone
