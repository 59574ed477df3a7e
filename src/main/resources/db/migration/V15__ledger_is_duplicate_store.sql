-- The ledger's unique message_header_id is the duplicate store: a message's arrival is recorded in the transaction
-- that stores its answer. Camel's idempotent repository, which took each key in a commit of its own, goes.
DROP TABLE CAMEL_MESSAGEPROCESSED;
