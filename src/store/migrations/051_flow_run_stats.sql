-- Two more summaries written by the import in its transaction (store/flow-totals.ts holds their
-- defining SELECTs), so a process just started answers its first questions without scanning rows.
--
-- flow_run_stats: per run, goods/services, edition, level and year, the count of trade rows, of
-- those with partner World (nw), with a country partner (nc) and with an area (na): what run
-- resolution and the store's years read (queries/resolve.ts). Written for every run, with
-- flow_reporter_stats; flow_stats_runs lists the runs they hold.
create table flow_run_stats (
  run_id          integer not null,
  type_code       varchar not null,
  classification  varchar not null,
  product_level   tinyint not null,
  year            smallint not null,
  n               bigint not null,
  nw              bigint not null,
  nc              bigint not null,
  na              bigint not null
);

-- flow_reporter_stats: per run, reporter and year, the count of trade rows (n), of those whose
-- partner is not an area (nn) and their value (v): what the status page and the store's default
-- country read (api/store-info.ts, queries/defaults.ts).
create table flow_reporter_stats (
  run_id          integer not null,
  reporter        varchar not null,
  year            smallint not null,
  n               bigint not null,
  nn              bigint not null,
  v               double
);

create table flow_stats_runs (
  run_id    integer primary key
);

-- flow_basket_rows: the rows of a reconciled run that a basket scan keeping partners reads (exports
-- to a country, product in a basket as resolved at import), with the columns of trade_flows those
-- scans use, sorted by product; flow_basket_codes: the basket codes (per edition) it was written for.
-- Runs are listed in flow_summary_runs with the other reconciled summaries.
create table flow_basket_rows (
  run_id          integer not null,
  year            smallint not null,
  type_code       varchar not null,
  reporter        varchar not null,
  partner         varchar not null,
  partner_kind    varchar not null,
  flow            varchar not null,
  classification  varchar not null,
  product         varchar not null,
  product_level   tinyint not null,
  value_usd       double,
  quantity        double,
  quantity_unit   varchar
);

create table flow_basket_codes (
  run_id          integer not null,
  edition         varchar not null,
  code            varchar not null
);

-- Stores summarised before this migration get every summary built again, once, by
-- ensureFlowSummaries (with progress): a run listed in flow_summary_runs must have all of them.
delete from flow_totals;
delete from flow_country_totals;
delete from flow_pair_totals;
delete from flow_summary_runs;
