-- Summaries of the reconciled trade rows that read models need (owned by src/queries/flow-totals.ts,
-- which holds their defining SELECTs). Written by the import inside its transaction, for that run
-- only; a --replace deletes the replaced runs' summaries in the same transaction. A store made
-- before this migration gets them built once, run by run with a progress bar, by `prepareStore`.
--
-- flow_totals: per run, year, goods/services, edition, level, product, side ('export': the exporter;
-- 'import': the importer) and country, the rows summed over the counterpart.
create table flow_totals (
  run_id          integer not null,
  year            smallint not null,
  type_code       varchar not null,
  classification  varchar not null,
  product_level   tinyint not null,
  product         varchar not null,
  side            varchar not null,
  country         varchar not null,
  v               double not null
);

-- flow_country_totals: flow_totals summed over products.
create table flow_country_totals (
  run_id          integer not null,
  year            smallint not null,
  type_code       varchar not null,
  classification  varchar not null,
  product_level   tinyint not null,
  side            varchar not null,
  country         varchar not null,
  v               double not null
);

-- flow_pair_totals: the rows summed over products, per exporter and importer.
create table flow_pair_totals (
  run_id          integer not null,
  year            smallint not null,
  type_code       varchar not null,
  classification  varchar not null,
  product_level   tinyint not null,
  exporter        varchar not null,
  importer        varchar not null,
  v               double not null
);

-- The runs whose summaries the three tables hold (a run with no summarised rows is listed too).
create table flow_summary_runs (
  run_id    integer primary key,
  built_at  timestamp not null default current_timestamp
);
