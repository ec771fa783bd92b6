-- Core tables: import runs (provenance) and the trade flows they loaded.
--
-- Every trade row belongs to exactly one import run. Codes are normalised at the door:
-- reporter/partner are ISO 3166 alpha-3 (partner 'WLD' = World; areas keep a pseudo-code and
-- partner_kind 'area'), products are zero-padded code strings with their classification,
-- values are US dollars (BACI's thousands are multiplied out on import).

create sequence if not exists import_run_id start 1;

create table import_runs (
  id             integer primary key default nextval('import_run_id'),
  source         varchar not null,   -- 'baci' | 'comtrade' | 'ots' | 'demo' | …
  format         varchar not null,   -- 'baci-csv' | 'comtrade-plus-csv' | 'comtrade-api-json' | 'comtrade-bulk' | 'comtrade-legacy-csv' | 'ots-json' | …
  release        varchar,            -- e.g. BACI 'V202401'; null when the source has none
  file_name      varchar not null,   -- base name of the file as given (no machine path)
  sha256         varchar not null,   -- of the file's bytes
  perspective    varchar not null,   -- 'reconciled' (BACI: one row per exporter→importer flow) | 'reported' (Comtrade, OTS)
  started_at     timestamp not null,
  finished_at    timestamp,
  rows_read      bigint not null default 0,
  rows_loaded    bigint not null default 0,
  rows_rejected  bigint not null default 0,
  note           varchar
);

create table trade_flows (
  run_id          integer not null,
  year            smallint not null,
  month           tinyint,           -- null = annual
  type_code       varchar not null,  -- 'C' goods | 'S' services
  reporter        varchar not null,  -- ISO3; for reconciled data, the exporter
  partner         varchar not null,  -- ISO3, 'WLD' for World, or an area pseudo-code
  partner_kind    varchar not null,  -- 'country' | 'world' | 'area'
  flow            varchar not null,  -- 'X' export | 'M' import | 'RX' re-export | 'RM' re-import
  classification  varchar not null,  -- 'HS1992' … 'HS2022', 'EBOPS2002', 'EBOPS2010'
  product         varchar not null,  -- 'TOTAL' or a zero-padded HS code (2/4/6 digits) or an EBOPS code
  product_level   tinyint not null,  -- 0 for TOTAL, else the number of digits (services: depth)
  value_usd       double not null,
  quantity        double,
  quantity_unit   varchar,           -- 't' for BACI (metric tons), Comtrade's qtyUnitAbbr otherwise
  net_weight_kg   double
);

-- Rows an import with --skip-bad-rows left out, each with its reason.
create table rejected_rows (
  run_id   integer not null,
  line     bigint,
  field    varchar,
  reason   varchar not null,
  raw      varchar
);
