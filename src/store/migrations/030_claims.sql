-- The claim ledger: documents checked, the claims extracted from them, relations between claims
-- (within and across documents) and verdicts against the data. Offsets are into
-- claim_documents.text (UTF-16 code units, as JavaScript counts them).
create table claim_documents (
  id          varchar primary key,   -- 'd' + first 16 hex of sha256 of the raw bytes
  sha256      varchar not null,
  name        varchar not null,      -- file name
  path        varchar,               -- path given on the command line
  format      varchar not null,      -- 'text' | 'markdown' | 'html'
  title       varchar,
  date        varchar,               -- YYYY[-MM[-DD]]
  date_source varchar,
  url         varchar,
  lang        varchar not null,
  text        varchar not null,
  checked_at  timestamp not null
);

create table claims (
  id          varchar primary key,   -- 'c' + 8 hex of the document id + '.' + start offset
  doc_id      varchar not null,
  doc         varchar not null,
  start_pos   integer not null,
  end_pos     integer not null,
  quote       varchar not null,
  sentence    varchar not null,
  value       double not null,
  unit        varchar not null,
  kind        varchar not null,
  metric      varchar,
  subject     varchar,
  entity      varchar,
  period      varchar,
  qualifier   varchar not null,
  scope       varchar,
  precision   double,
  source      varchar,
  repeat_of   varchar
);

create table claim_relations (
  id             varchar primary key, -- 'r' + 10 hex of a hash of type, inputs and output
  type           varchar not null,
  docs           varchar not null,    -- JSON array of document names
  doc_ids        varchar not null,    -- JSON array of document ids
  inputs         varchar not null,    -- JSON array of claim ids
  output         varchar,
  computed       double,
  stated         double,
  computed_range varchar,             -- JSON [lo, hi]
  verdict        varchar not null,    -- consistent | inconsistent | not_comparable
  arithmetic     varchar not null,
  note           varchar
);

create table claim_verdicts (
  claim_id    varchar primary key,
  verdict     varchar not null,       -- supported | contradicted | unverifiable
  reason      varchar not null,
  explanation varchar not null,
  evidence    varchar,                -- JSON: series id, scope, parameters, value, SQL, command
  checked_at  timestamp not null
);
