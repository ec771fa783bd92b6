-- Reference data: HS nomenclature per edition, HS correlation tables, cultural baskets (definitions
-- and their resolution to every HS edition), and official published series.
--
-- Invariants (kept by src/reference/*, which is the only writer):
-- - Codes are zero-padded strings; editions are 'HS1992' 'HS1996' 'HS2002' 'HS2007' 'HS2012'
--   'HS2017' 'HS2022'.
-- - hs_correlations run older → newer (from_edition is the older edition), as UNSD pairs them.
-- - basket_resolved holds at most one row per (basket_id, edition, code), so joining trade_flows
--   (classification = edition, product = code) to it never counts a flow twice. Links to catch-all
--   destinations (HS2022 8549xx/8524xx and other very wide n:n links) are kept apart in
--   basket_residual, and codes that cannot be resolved are listed in basket_unresolved.
-- - Tables are replaced atomically by their loaders (delete + insert in one transaction), so there
--   are no primary keys here: uniqueness is checked by the loaders before anything is written.

-- One row per load of reference data (nomenclature, correlation table, bundled data), for provenance.
create sequence if not exists reference_load_id start 1;
create table reference_loads (
  id          integer default nextval('reference_load_id'),
  kind        varchar not null,   -- 'hs-nomenclature' | 'hs-correlation' | 'basket' | 'official-series'
  subject     varchar not null,   -- e.g. 'HS2017', 'HS2007>HS2022', 'unesco-fcs-2009'
  source      varchar not null,   -- URL or description of where the data came from
  file_name   varchar,            -- base name of the file read (no machine path)
  sha256      varchar,
  rows        bigint not null,
  version     varchar,            -- version of bundled data, when bundled
  loaded_at   timestamp not null default current_timestamp
);

create table hs_products (
  edition      varchar not null,  -- 'HS1992' … 'HS2022'
  code         varchar not null,  -- 2, 4 or 6 digits, zero-padded
  level        tinyint not null,  -- 2 | 4 | 6
  parent       varchar,           -- code of the parent level; 'TOTAL' for chapters
  description  varchar,
  section      varchar            -- roman numeral when known
);

create table hs_correlations (
  from_edition            varchar not null,  -- older edition
  from_code               varchar not null,
  to_edition              varchar not null,  -- newer edition
  to_code                 varchar,           -- null where UNSD gives no counterpart ('n/a')
  relationship            varchar,           -- from→to: '1:1' | '1:n' | 'n:1' | 'n:n' | 'n/a'
  relationship_published  varchar,           -- as UNSD printed it (newer:older orientation)
  ex_flag                 boolean            -- UNSD's "ex": only part of from_code goes to to_code
);

create table baskets (
  id           varchar not null,  -- slug, e.g. 'unesco-fcs-2009'
  name         varchar not null,
  version      varchar not null,
  framework    varchar not null,  -- 'UNESCO FCS 2009' | 'UNCTAD creative goods' | 'user'
  hs_edition   varchar not null,  -- edition the codes are written in
  source       varchar,           -- URL or citation
  description  varchar,
  bundled      boolean not null default false,
  created_at   timestamp not null default current_timestamp
);

create table basket_codes (
  basket_id        varchar not null,
  code             varchar not null,  -- 6-digit code in the basket's hs_edition
  domain_code      varchar,           -- e.g. FCS 'A'…'H'
  domain           varchar,           -- slug: heritage, performance, visual-arts, books, audiovisual, design, tourism, sports, or a user's
  core_or_related  varchar,           -- 'core' | 'equipment_supporting_cultural' | 'equipment_supporting_related' | 'related' | …
  source_url       varchar,
  source_note      varchar
);

-- The basket resolved to each HS edition: join trade_flows on (classification, product) = (edition, code).
create table basket_resolved (
  basket_id        varchar not null,
  edition          varchar not null,
  code             varchar not null,  -- 6-digit code in `edition`
  domain_code      varchar,
  domain           varchar,
  core_or_related  varchar,
  source_code      varchar not null,  -- the basket code it came from (first, when several)
  source_codes     varchar not null,  -- all basket codes that map here, comma-separated
  mapping          varchar not null,  -- 'identity' | '1:1' | '1:n' | 'n:1' | 'n:n'
  note             varchar
);

-- Links to catch-all destinations left out of basket_resolved (reported, not silently dropped).
create table basket_residual (
  basket_id    varchar not null,
  edition      varchar not null,
  source_code  varchar not null,
  code         varchar not null,
  reason       varchar not null
);

-- Which editions a basket has been resolved to, and under which policy (see basket-resolution.ts).
create table basket_editions (
  basket_id    varchar not null,
  edition      varchar not null,
  via          varchar not null,  -- 'identity' or the correlation table used, e.g. 'HS2007>HS2022'
  policy       varchar not null,  -- how catch-all links were treated
  codes        integer not null,  -- rows in basket_resolved
  residual     integer not null,  -- rows in basket_residual
  unresolved   integer not null,  -- rows in basket_unresolved
  resolved_at  timestamp not null default current_timestamp
);

-- Basket codes that cannot be resolved to an edition, with the reason.
create table basket_unresolved (
  basket_id    varchar not null,
  edition      varchar not null,
  code         varchar not null,
  reason       varchar not null
);

create table official_series (
  id           varchar not null,  -- stable: year|scope|indicator|flow|publisher hash-free key
  year         smallint not null,
  scope        varchar not null,  -- e.g. 'cultural_products', 'cultural_products.belt_and_road'
  indicator    varchar not null,  -- 'turnover' | 'value' | 'balance'
  flow         varchar not null,  -- 'export' | 'import' | 'total' | 'surplus'
  value        double not null,   -- as printed
  unit         varchar not null,  -- as printed: 'hundred_million_usd' (亿美元) | 'billion_usd'
  value_usd    double,            -- normalised to US dollars
  yoy_pct      double,            -- year-on-year % as printed
  publisher    varchar,
  reported_by  varchar,
  source_url   varchar not null,
  note         varchar
);
