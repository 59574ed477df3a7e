-- What discharge tracking needs of a FHIR message, read once when the message is accepted, so that its
-- deliveries do not parse it again. One row per FHIR message accepted; role NONE for a message that discharge
-- tracking passes over. No CPR number: only its keyed hash. A message with no row (accepted before this table)
-- is read again at delivery.
CREATE TABLE discharge_fact (
    message_id       BIGINT        PRIMARY KEY REFERENCES message (id),
    role             VARCHAR(16)   NOT NULL,
    patient_hash     VARCHAR(64),
    episode_key      VARCHAR(300),
    encounter_class  VARCHAR(16),
    ward             VARCHAR(64),
    activity         VARCHAR(64),
    activity_event   VARCHAR(16),
    activity_change  VARCHAR(16),
    document_kinds   VARCHAR(64)
);
