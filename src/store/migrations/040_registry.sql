-- Registry of cultural-trade institutions, agreements, policy documents and dated counts.
--
-- Dates are kept as the source gives them: an ISO prefix ('2002', '2002-11', '2015-11-07') with its
-- precision ('year' | 'month' | 'day'); a missing date is NULL, never a guess. `*_year` columns are
-- derived from the date for queries. `*_by` columns record a bound the source does give ("listed
-- as open by 2015", "signed no later than 2011") without inventing the date itself.
-- Every fact row carries `source_url` and `source_note`.

create table registry_institutions (
  id                varchar primary key,   -- stable slug, e.g. 'cultural-centre-mus-port-louis'
  kind              varchar not null,      -- 'cultural-centre' | 'export-base' | 'trade-base' | 'other'
  name_en           varchar not null,
  name_zh           varchar,
  home_country      varchar not null,      -- ISO3 of the country whose programme it belongs to
  country           varchar not null,      -- ISO3 of where it is (the host, for a centre abroad)
  region            varchar,               -- province or state, when the source gives one
  city              varchar,
  lat               double,
  lon               double,
  programme         varchar,               -- parent programme, e.g. 'China Cultural Centers'
  batch             integer,               -- designation batch (export bases), when stated
  opened            varchar,               -- ISO date prefix or NULL
  opened_precision  varchar,               -- 'year' | 'month' | 'day' | NULL
  opened_year       integer,
  opened_by         varchar,               -- known to exist no later than this date (a bound, not a date)
  opened_end        date,                  -- last day of the opened period ('2002' → 2002-12-31): for "open by" counts
  opened_by_end     date,
  closed            varchar,
  closed_precision  varchar,
  closed_year       integer,
  closed_start      date,                  -- first day of the closed period
  source_url        varchar not null,
  source_note       varchar,
  origin            varchar not null default 'user', -- 'bundled' (data/registry) | 'user'
  updated_at        timestamp not null default current_timestamp
);

create table registry_agreements (
  id                 varchar primary key,
  kind               varchar not null,     -- 'co-production-treaty' | 'cultural-agreement' | 'cooperation-document'
  title              varchar not null,
  title_zh           varchar,
  home_country       varchar not null,     -- the country whose registry lists it (party too)
  partner            varchar,              -- the other party for a bilateral agreement (ISO3), else NULL
  signed             varchar,
  signed_precision   varchar,
  signed_year        integer,
  signed_by          varchar,              -- signed no later than this (a bound from the source)
  signed_end         date,                 -- last day of the signed period, for "signed by" counts
  signed_by_end      date,
  in_force           varchar,
  in_force_precision varchar,
  in_force_year      integer,
  source_url         varchar not null,
  source_note        varchar,
  origin             varchar not null default 'user',
  updated_at         timestamp not null default current_timestamp
);

-- All parties of an agreement (ISO3), including the home country.
create table registry_agreement_parties (
  agreement_id varchar not null,
  country      varchar not null,
  primary key (agreement_id, country)
);

create table registry_documents (
  id              varchar primary key,     -- e.g. 'cn-2022-foreign-cultural-trade-opinions'
  title_en        varchar not null,
  title_zh        varchar,
  country         varchar not null,        -- ISO3 of the issuing government
  doc_number      varchar,                 -- official document number, when known
  issued          varchar,
  issued_precision varchar,
  issued_year     integer,
  agencies        varchar not null default '[]', -- JSON array of issuing agencies named by the source
  agency_count    integer,                 -- how many agencies issued it, when the source says
  measure_count   integer,                 -- how many tasks/measures it announces, when the source says
  source_url      varchar not null,
  source_note     varchar,
  origin          varchar not null default 'user',
  updated_at      timestamp not null default current_timestamp
);

create table registry_measures (
  id            varchar primary key,       -- '<document id>#<number or slug>'
  document_id   varchar not null,
  number        integer,                   -- the measure's number in the document; NULL when not known
  heading       varchar,                   -- the section it belongs to
  summary       varchar not null,          -- a summary in Lantern's own words
  agencies      varchar not null default '[]', -- JSON array
  status        varchar not null,          -- 'announced' | 'in-progress' | 'implemented' | 'lapsed' | 'unknown'
  indicators    varchar not null default '[]', -- JSON array of linked indicator ids (optionally 'id:basket')
  source_url    varchar not null,
  source_note   varchar,
  origin        varchar not null default 'user',
  updated_at    timestamp not null default current_timestamp
);

-- Official dated counts: "31 centres by September 2017", "29 export bases". Not derived from the rows above.
create table registry_counts (
  id               varchar primary key,    -- '<subject>:<metric>:<as_of>'
  subject          varchar not null,       -- 'cultural-centre' | 'co-production-treaty' | 'export-base' | …
  metric           varchar not null,       -- 'established' | 'partner-countries' | 'target' | …
  country          varchar not null,       -- ISO3 of the home country
  value            double not null,
  unit             varchar not null default 'count',  -- 'count' | 'CNY' | …
  as_of            varchar not null,
  as_of_precision  varchar not null,
  as_of_year       integer not null,
  as_of_end        date not null,
  source_url       varchar not null,
  source_note      varchar,
  origin           varchar not null default 'user',
  updated_at       timestamp not null default current_timestamp
);

-- Write tokens: only a salted scrypt hash of the secret is kept; the token is shown once.
create table registry_tokens (
  id           varchar primary key,        -- the public part of the token
  name         varchar not null unique,
  salt         varchar not null,
  hash         varchar not null,
  created_at   timestamp not null,
  revoked_at   timestamp,
  last_used_at timestamp
);

create sequence if not exists registry_audit_id start 1;

-- Every change to the registry: who (token name), when, what, and the row before and after as JSON.
create table registry_audit (
  id         integer primary key default nextval('registry_audit_id'),
  changed_at timestamp not null,
  actor      varchar not null,
  action     varchar not null,             -- 'create' | 'update' | 'delete' | 'load'
  entity     varchar not null,             -- 'institution' | 'agreement' | 'document' | 'measure' | 'count'
  entity_id  varchar not null,
  before_json varchar,                     -- JSON or NULL
  after_json  varchar                      -- JSON or NULL
);

-- Which version of the bundled data (data/registry) a store holds.
create table registry_bundle (
  version    varchar not null,
  loaded_at  timestamp not null
);
