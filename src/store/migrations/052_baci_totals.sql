-- flow_totals of BACI runs kept on numbers (store/flow-totals.ts writes them): the import wrote
-- about 850 thousand rows a year with the product and country as text, and writing that text cost
-- more than summing the rows (bench/RESULTS.md, session 8). A BACI run's totals now go to
-- baci_totals, keyed on the HS6 number and the BACI country code (the smallest code of its ISO3),
-- and flow_totals is a view that joins the names back, as trade_flows does for baci_flows
-- (migration 012). Runs of other sources, and BACI runs summarised before this migration, stay in
-- flow_totals_named: their rows read the same through the view, so nothing is built again.
alter table flow_totals rename to flow_totals_named;

create table baci_totals (
  run_id   integer not null,
  year     smallint not null,
  side     tinyint not null,   -- 0: 'export' (the exporter's sums), 1: 'import' (the importer's)
  k        uinteger not null,  -- the HS6 code as a number, named in hs6_codes
  code     integer not null,   -- the BACI country code, named in baci_country_codes
  v        double not null
);

create view flow_totals as
  select run_id, year, type_code, classification, product_level, product, side, country, v
  from flow_totals_named
  union all
  select t.run_id, t.year, 'C', r.classification, cast(6 as tinyint), p.product, s.side, c.iso3, t.v
  from baci_totals t
  -- a join, not a CASE: a reader's side = 'export' becomes a range on t.side that skips row groups
  join (values (cast(0 as tinyint), 'export'), (cast(1 as tinyint), 'import')) s(n, side) on s.n = t.side
  join baci_country_codes c on c.code = t.code
  join hs6_codes p on p.k = t.k
  join import_runs r on r.id = t.run_id;
