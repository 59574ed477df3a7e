-- Message bodies and the bodies of their copies get tables of their own, written once and never updated.
-- H2 writes a changed row again whole, with its page, at every commit: with the body in the message and
-- dispatch rows, each status change of a message or a copy wrote its body again.

CREATE TABLE message_body (
    message_id  BIGINT PRIMARY KEY REFERENCES message (id),
    payload     BYTEA  NOT NULL
);
INSERT INTO message_body (message_id, payload) SELECT id, payload FROM message WHERE payload IS NOT NULL;
ALTER TABLE message DROP COLUMN payload;

CREATE TABLE dispatch_body (
    dispatch_id  VARCHAR(64) PRIMARY KEY REFERENCES dispatch (id),
    payload      BYTEA       NOT NULL
);
INSERT INTO dispatch_body (dispatch_id, payload) SELECT id, payload FROM dispatch;
ALTER TABLE dispatch DROP COLUMN payload;
