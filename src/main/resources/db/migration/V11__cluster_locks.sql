-- Locks of the timers that must fire once across all gateway instances sharing this database
-- (ShedLock's JDBC table: one row per timer route, held until lock_until). Portable SQL for H2 and PostgreSQL.
CREATE TABLE shedlock (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP     NOT NULL,
    locked_at   TIMESTAMP     NOT NULL,
    locked_by   VARCHAR(255)  NOT NULL
);
