-- How trade rows are stored (owned by src/ingest/ and src/sources/baci.ts).
--
-- Everyone reads `trade_flows`: from here on it is a VIEW with the columns of 001_core.sql, over
-- two physical tables:
-- - `trade_flows_wide`: the former table, unchanged — rows of reported sources (Comtrade, OTS …),
--   and every row imported before this migration;
-- - `baci_flows`: BACI rows as the release writes them — numeric exporter/importer codes, the HS6
--   code as a number, the value in USD, the quantity in tons — with no per-row constants. The view
--   adds them back: ISO3 codes and partner kind through `baci_country_codes`, the zero-padded code
--   through `hs6_codes`, the HS edition from the run (`import_runs.classification`), and the
--   constants of every BACI row (goods, flow 'X', level 6, unit 't').
-- Writing BACI's ten million rows a year as narrow integer rows costs about what DuckDB's own
-- read_csv costs; the wide shape cost three to four times that (bench/RESULTS.md, Import).
-- Fixtures and importers of reported data insert into `trade_flows_wide`; nothing inserts into the
-- view.

alter table trade_flows rename to trade_flows_wide;

create table baci_flows (
  run_id     integer not null,
  year       smallint not null,
  exporter   integer not null,   -- BACI's numeric code, mapped in baci_country_codes
  importer   integer not null,
  k          uinteger not null,  -- the HS6 code as a number (10121 = '010121'), mapped in hs6_codes
  value_usd  double not null,    -- US dollars (BACI's thousands multiplied out)
  quantity   double              -- metric tons; null where BACI has none
);

-- The country each BACI code of a stored row stands for, fixed when the first run using it was
-- imported (codes from a release's own country_codes file included).
create table baci_country_codes (
  code          integer primary key,
  iso3          varchar not null,
  partner_kind  varchar not null   -- 'country' | 'area'
);

create table hs6_codes (
  k        uinteger primary key,
  product  varchar not null        -- zero-padded to 6 digits
);

alter table import_runs add column classification varchar;  -- HS edition of a BACI run's rows
alter table import_runs add column file_bytes bigint;        -- size of the imported file

create view trade_flows as
  select run_id, year, month, type_code, reporter, partner, partner_kind, flow, classification,
         product, product_level, value_usd, quantity, quantity_unit, net_weight_kg
  from trade_flows_wide
  union all
  select b.run_id, b.year, cast(null as tinyint), 'C', e.iso3, m.iso3, m.partner_kind, 'X',
         r.classification, p.product, cast(6 as tinyint), b.value_usd, b.quantity,
         case when b.quantity is null then null else 't' end, cast(null as double)
  from baci_flows b
  join baci_country_codes e on e.code = b.exporter
  join baci_country_codes m on m.code = b.importer
  join hs6_codes p on p.k = b.k
  join import_runs r on r.id = b.run_id;
