-- Every card stored its own copy of the rules it carried: one row per rule (twelve on a relapse card), each checked
-- against its card as it was inserted and deleted again by the cascade when the card left the newest kept, most of
-- the card log's work. Yet every card of one rule combination carries the same list. Each distinct list is now stored
-- once, under an id derived from its content (the same in every replica), and a card names it; a card that carried no
-- rule names nothing. The lists are not purged: they are the rule combinations of the rule sets served, a few rows
-- each, not records of calls. Cards recorded before this migration keep their rows in issued_card_rule (purged with
-- their card). The column is rule_list, not rule_set: a rule set is the DRL the rules come from.
CREATE TABLE listed_rule (
    rule_list    VARCHAR(100) NOT NULL,
    rule_no      INT          NOT NULL,
    rule_id      VARCHAR(100) NOT NULL,
    rule_version VARCHAR(50)  NOT NULL,
    PRIMARY KEY (rule_list, rule_no)
);
ALTER TABLE issued_card ADD COLUMN rule_list VARCHAR(100);

-- Each card with each rule it carried, whichever form it was recorded in: what every query by rule reads.
CREATE VIEW carried_rule AS
    SELECT c.card_uuid, c.service_id, c.issued_at, l.rule_id, l.rule_version
    FROM issued_card c JOIN listed_rule l ON l.rule_list = c.rule_list
    UNION ALL
    SELECT c.card_uuid, c.service_id, c.issued_at, r.rule_id, r.rule_version
    FROM issued_card c JOIN issued_card_rule r ON r.card_uuid = c.card_uuid;
