-- Reminders for Orleans.Reminders.AdoNet.
-- grain_id is GrainId.ToString() (for example "complaint/K-1"), which Orleans parses back with GrainId.Parse.
-- grain_hash is GrainId.GetUniformHashCode() cast to a signed 32-bit integer: Orleans compares ring ranges
-- in that signed space, so it must be stored exactly as sent. Rows are small: WITHOUT ROWID keeps them in
-- the primary-key b-tree.
CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period        INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
