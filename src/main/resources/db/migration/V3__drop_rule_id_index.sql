-- Every card issued wrote eight or so entries into this index, and no query needs it: the summary reaches a card's
-- rules through the primary key (card_uuid, rule_id, rule_version), also when it filters by rule. Without it a card
-- costs about 8 % less allocation and 6 % less memory in the demo's in-memory store, and less work on every write.
DROP INDEX issued_card_rule_rule;
