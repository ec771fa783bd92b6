-- Population by country and year, for population-adjusted indicators (RPOP, INDICATORS.md §3.4).
-- Bundled figures (data/population/) load on first run; a user's CSV (country,year,population)
-- adds or replaces years with `lantern population load FILE`. Each row says where it came from.
create table population (
  country     varchar not null,   -- ISO 3166 alpha-3
  year        integer not null,
  population  double not null,    -- persons
  source      varchar not null,   -- the file or package it was read from
  primary key (country, year)
);
