-- The EBOPS 2010 code tree of services trade (Comtrade's SDMX ids: S, SK, SK1, SK11 …), for reading
-- services rows (type_code 'S') once per flow and naming them. Loaded on first run from
-- data/ebops/ebops-2010.csv by src/reference/services.ts, its only writer (delete + insert in one
-- transaction, once per version of the file, recorded in reference_loads).
--
-- services_codes: one row per code; `memo` marks memorandum and supplementary items ("of which",
-- C.1–C.9, tourism-related services, gross premiums and claims), which overlap the standard
-- components and are never added to them.
-- services_ancestors: every (code, ancestor) pair with the ancestor's depth, so the nearest present
-- ancestor of a code is found with equalities only (indicators/base.ts `servicesCountedRows`).
create table services_codes (
  classification  varchar not null,  -- 'EBOPS2010'
  code            varchar not null,
  parent          varchar,           -- null for the root S
  depth           tinyint not null,  -- S = 0, SK = 1, SK1 = 2 …
  memo            boolean not null,
  name            varchar not null
);

create table services_ancestors (
  classification  varchar not null,
  code            varchar not null,
  ancestor        varchar not null,
  depth           tinyint not null   -- the ancestor's depth
);
