-- The bundled data a store holds: after the first-run loaders (src/setup.ts) have all run, the
-- fingerprint of the loaders' code and data they ran with is kept here (one row). A later command
-- that finds the same fingerprint skips the loaders' checks; a new build or new data runs them again.
create table setup_mark (
  fingerprint  varchar not null,
  done_at      timestamp not null default current_timestamp
);
