-- Retention (dk.medcomgateway.retention): a message's body may be pruned before the rest of it; a message under
-- legal hold is never pruned; a pruned message leaves a tombstone so the support desk can say when it went;
-- bodies archived before pruning are indexed by MessageHeader.id.
ALTER TABLE message ADD COLUMN body_pruned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE message ADD COLUMN legal_hold VARCHAR(500);

CREATE TABLE pruned_message (
    message_header_id  VARCHAR(128) PRIMARY KEY,
    event_code         VARCHAR(64),
    sender             VARCHAR(128),
    received_at        TIMESTAMP WITH TIME ZONE,
    body_pruned_at     TIMESTAMP WITH TIME ZONE,
    pruned_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE archived_body (
    message_header_id  VARCHAR(128) PRIMARY KEY,
    content_type       VARCHAR(64),
    archive_file       VARCHAR(512) NOT NULL,
    entry              VARCHAR(256) NOT NULL,
    archived_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
