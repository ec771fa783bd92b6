-- Official series belong to a country (ISO3): the bundled ones are China's, but nothing in Lantern
-- is specific to one country.
alter table official_series add column country varchar;
