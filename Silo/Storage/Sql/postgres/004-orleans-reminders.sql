-- Reminders for Orleans.Reminders.AdoNet.
-- grain_id is GrainId.ToString() (for example "complaint/K-1"), which Orleans parses back with GrainId.Parse.
-- grain_hash is GrainId.GetUniformHashCode() cast to a signed 32-bit integer: Orleans compares ring ranges in that
-- signed space, so it is stored exactly as sent. period is in milliseconds.
CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text COLLATE "C" NOT NULL,
    grain_id      text COLLATE "C" NOT NULL,
    reminder_name text COLLATE "C" NOT NULL,
    start_time    timestamptz      NOT NULL,
    period        bigint           NOT NULL,
    grain_hash    integer          NOT NULL,
    version       integer          NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its share of the hash ring.
CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
