-- An inconsistent relation names the figure most likely wrong and why (a unit slip, the only
-- figure no other relation confirms).
alter table claim_relations add column suspect varchar;
alter table claim_relations add column suspect_reason varchar;
