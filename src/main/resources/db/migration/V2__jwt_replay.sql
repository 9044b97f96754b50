-- JWT ids seen by any replica, each until its token could no longer be accepted: a token used at one replica is
-- refused at every other. One insert decides (the primary key refuses a second use).
CREATE TABLE jwt_replay (
    jti_key    VARCHAR(400) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jwt_replay_expires_at ON jwt_replay (expires_at);
