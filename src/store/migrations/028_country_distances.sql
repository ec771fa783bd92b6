-- Distances between countries, for the relative-distance factor of export potential
-- (docs/indicators/export-potential.md). Built on first run by src/reference/distances.ts from the
-- representative point (`latlng`) of each country in the world-countries package (mledoze/countries,
-- ODbL): great-circle (haversine) distance on a sphere of the mean Earth radius, 6371.0088 km.
--
-- Invariants (kept by the loader, the only writer): one point per ISO3 code; one row per ordered
-- pair of distinct countries (both directions, km equal); replaced whole in one transaction.
create table country_points (
  iso3    varchar not null,   -- ISO 3166 alpha-3 (world-countries' UNK for Kosovo is stored as XKX)
  lat     double not null,    -- degrees north
  lon     double not null,    -- degrees east
  source  varchar not null    -- package and version the point was read from
);

create table country_distances (
  origin       varchar not null,   -- ISO3
  destination  varchar not null,   -- ISO3
  km           double not null     -- great-circle distance between the two points
);
