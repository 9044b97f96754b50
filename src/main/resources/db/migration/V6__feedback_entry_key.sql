-- What identifies a feedback entry whenever it is sent: a hash of its service, card, outcome, outcome time, override
-- reason and accepted suggestions (ContentId). A client that sends the same feedback again, as it should after a 503
-- whose write landed after all (the database answered too late), does not store it twice. Rows written before this
-- migration have none; NULLs do not collide in a unique index, on H2 as on PostgreSQL.
ALTER TABLE feedback ADD COLUMN entry_key VARCHAR(100);
CREATE UNIQUE INDEX feedback_entry_key ON feedback (entry_key);
