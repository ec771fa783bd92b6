-- flow_basket_rows of BACI runs kept on numbers (store/flow-totals.ts writes them): the import wrote
-- about 150 thousand rows a year with seven text columns, and writing that text cost about three
-- quarters of the statement (bench/RESULTS.md, session 10). A BACI run's basket rows now go to
-- baci_basket_rows, the columns of baci_flows (migration 012), and flow_basket_rows is a view that
-- names them as trade_flows names baci_flows. Runs of other sources, and BACI runs summarised before
-- this migration, stay in flow_basket_rows_named: their rows read the same through the view, so
-- nothing is built again.
alter table flow_basket_rows rename to flow_basket_rows_named;

create table baci_basket_rows (
  run_id     integer not null,
  year       smallint not null,
  exporter   integer not null,   -- BACI's numeric code, named in baci_country_codes
  importer   integer not null,   -- a country (partner_kind 'country'): the rows the summaries sum
  k          uinteger not null,  -- the HS6 code as a number, named in hs6_codes
  value_usd  double not null,
  quantity   double
);

create view flow_basket_rows as
  select run_id, year, type_code, reporter, partner, partner_kind, flow, classification, product,
         product_level, value_usd, quantity, quantity_unit
  from flow_basket_rows_named
  union all
  select b.run_id, b.year, 'C', e.iso3, m.iso3, m.partner_kind, 'X', r.classification, p.product,
         cast(6 as tinyint), b.value_usd, b.quantity, case when b.quantity is null then null else 't' end
  from baci_basket_rows b
  join baci_country_codes e on e.code = b.exporter
  join baci_country_codes m on m.code = b.importer
  join hs6_codes p on p.k = b.k
  join import_runs r on r.id = b.run_id;
