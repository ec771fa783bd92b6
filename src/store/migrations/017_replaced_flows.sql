-- What a release diff needs of a run that `import --replace` took out (owned by src/ingest/ and
-- src/queries/release-diff.ts).
--
-- `--replace` deletes the earlier run's rows from trade_flows_wide / baci_flows and keeps its
-- import_runs row with `replaced_by`. Before deleting, the import copies each row's key and value
-- here, in the same transaction, so `lantern diff OLD NEW` can still compare the two releases.
-- Only the columns a diff reads are kept (no quantities, no partner kind): a replaced run costs
-- about one narrow copy of its rows. Runs replaced before this table existed have no rows here;
-- the diff says so instead of reporting them as empty.

create table replaced_flows (
  run_id          integer not null,
  year            smallint not null,
  month           tinyint,
  type_code       varchar not null,
  reporter        varchar not null,
  partner         varchar not null,
  flow            varchar not null,
  classification  varchar not null,
  product         varchar not null,
  value_usd       double not null
);
