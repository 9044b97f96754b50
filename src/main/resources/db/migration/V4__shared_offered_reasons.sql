-- The cards of one service and rule set all offer the same override reasons (declared in services.yaml), yet each card
-- stored its own copy: seven rows per card. Each distinct list is now stored once, under an id derived from its content
-- (the same in every replica), and a card names it; a card that offered none names nothing. The lists are not purged:
-- they are the services' configuration, a few rows each, not records of calls. Cards recorded before this migration
-- keep their rows in issued_card_reason, which is read for a card that names no list (and purged with its card).
CREATE TABLE offered_reason (
    reason_set     VARCHAR(100) NOT NULL,
    reason_no      INT          NOT NULL,
    reason_system  VARCHAR(255) NOT NULL,
    reason_code    VARCHAR(100) NOT NULL,
    reason_display VARCHAR(255) NOT NULL,
    PRIMARY KEY (reason_set, reason_no)
);
ALTER TABLE issued_card ADD COLUMN reason_set VARCHAR(100);

-- The findings each card carried (about eight rows per card) were written and never read: the summary is per rule,
-- and findings are counted in allcds_findings_total as cards are issued.
DROP TABLE issued_card_finding;
