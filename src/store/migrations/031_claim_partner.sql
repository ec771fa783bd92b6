-- A claim about trade with one partner market ("exports to the United States") names that partner
-- (ISO3 or a region's name): it is never verified as the reporter's total.
alter table claims add column partner varchar;
-- A figure about a part of the total (a province, a kind of firm, a category of goods) names it.
alter table claims add column part varchar;
