-- Every interaction logged with a client, kept whole: the client's grain keeps only its latest ones and publishes each
-- new one here after its state write. Numbered from 0 per client, so a repeat after a crash is one row. The note is
-- personal data and is sealed with the key ring, bound to its row; `at_us` is when it happened, in microseconds since
-- the Unix epoch, the order pages are read in.
CREATE TABLE IF NOT EXISTS rm_interactions
(
    client_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    at_us       INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    employee_id TEXT    NOT NULL,
    note_sealed BLOB    NOT NULL,
    PRIMARY KEY (client_id, seq)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_rm_interactions_page ON rm_interactions (client_id, at_us DESC, seq DESC);
