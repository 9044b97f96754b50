-- The ids of the suggestions each card offered, as a JSON array of strings ([] for none): feedback accepting a
-- suggestion its card never offered is refused, as one naming a reason it never offered. Cards recorded before this
-- migration have none (NULL): which suggestions they offered is not known, and feedback on them is accepted as sent.
ALTER TABLE issued_card ADD COLUMN offered_suggestions VARCHAR(4000);
