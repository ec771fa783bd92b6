-- trade_flows on one ClickHouse shard: the columns of DuckDB's migrations/001_core.sql, same names,
-- same meaning. `{{table}}` is the local table's quoted name (the loader builds a staging copy and
-- swaps it in; see clickhouse.ts). The table everyone queries, `trade_flows`, is a Distributed
-- table over this one on every shard (or a Merge table over it on a single server).
--
-- Types: DuckDB smallint/tinyint/integer/double/varchar → Int16/Int8/Int32/Float64/String;
-- nullable columns are Nullable(...). Rows are partitioned by year and sorted for the usual
-- filters (reporter, year, flow, product).

create table {{table}} (
  run_id          Int32,
  year            Int16,
  month           Nullable(Int8),
  type_code       String,
  reporter        String,
  partner         String,
  partner_kind    String,
  flow            String,
  classification  String,
  product         String,
  product_level   Int8,
  value_usd       Float64,
  quantity        Nullable(Float64),
  quantity_unit   Nullable(String),
  net_weight_kg   Nullable(Float64)
) engine = MergeTree
partition by year
order by (reporter, year, flow, product, partner)
