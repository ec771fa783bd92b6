-- Earlier versions of baskets (owned by src/reference/baskets.ts).
--
-- When a basket is written again under the same id (`lantern basket add ID --replace`, or a bundled
-- file that changed), the definition it replaces is copied here first, in the same transaction:
-- its metadata to basket_versions and its codes to basket_version_codes. Nothing is ever deleted
-- from these tables, so every version a figure was computed with can be listed and read again.

create table basket_versions (
  basket_id    varchar not null,
  version      varchar not null,
  name         varchar not null,
  framework    varchar not null,
  hs_edition   varchar not null,
  source       varchar,
  description  varchar,
  bundled      boolean not null,
  created_at   timestamp,
  replaced_at  timestamp not null default current_timestamp
);

create table basket_version_codes (
  basket_id        varchar not null,
  version          varchar not null,
  code             varchar not null,
  domain_code      varchar,
  domain           varchar,
  core_or_related  varchar,
  source_url       varchar,
  source_note      varchar
);
