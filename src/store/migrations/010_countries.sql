-- Countries and the code schemes that point at them (owned by src/reference/countries.ts).
--
-- `countries` holds one row per entity a trade row can name: ISO 3166 countries and territories,
-- historical entities (USSR, Yugoslavia …) under their former ISO alpha-3 code, Comtrade's
-- "areas, nes" under a pseudo-code X<number>, and 'WLD' for World.
-- `country_codes` maps each source's own codes to those keys: scheme 'iso-numeric' (ISO 3166
-- numeric), 'baci' (CEPII's numeric codes), 'comtrade' (Comtrade's numeric codes) and
-- 'comtrade-iso' (the ISO-like text Comtrade prints beside them: W00, S19, _X …).
-- Both tables are filled by a reference loader, rebuilt whole when the bundled version changes.

create table countries (
  iso3        varchar primary key,
  iso2        varchar,
  iso_numeric integer,
  name_en     varchar not null,
  name_zh     varchar not null,
  region      varchar,
  subregion   varchar,
  continent   varchar,
  kind        varchar not null   -- 'country' | 'territory' | 'historical' | 'area' | 'world'
);

create table country_codes (
  scheme     varchar not null,   -- 'iso-numeric' | 'baci' | 'comtrade' | 'comtrade-iso'
  code       varchar not null,   -- numeric codes without leading zeros ('4', not '004')
  iso3       varchar not null,
  name       varchar,
  entry_year smallint,
  exit_year  smallint,
  primary key (scheme, code)
);

create table countries_version (
  version   varchar not null,
  loaded_at timestamp not null default current_timestamp
);
