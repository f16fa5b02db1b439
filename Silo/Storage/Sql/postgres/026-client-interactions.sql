-- Every interaction logged with a client, kept whole: the client's grain keeps only its latest ones and writes each new
-- one here in the same transaction as its state. Numbered from 0 per client, so a repeat after a crash is one row.
-- The note is personal data and is sealed with the key ring, bound to its row; `at_us` is when it happened, in
-- microseconds since the Unix epoch, the order pages are read in.
CREATE TABLE IF NOT EXISTS rm_interactions
(
    client_id   text COLLATE "C" NOT NULL,
    seq         bigint           NOT NULL,
    at_us       bigint           NOT NULL,
    kind        integer          NOT NULL,
    employee_id text             NOT NULL,
    note_sealed bytea            NOT NULL,
    PRIMARY KEY (client_id, seq)
);

CREATE INDEX IF NOT EXISTS ix_rm_interactions_page ON rm_interactions (client_id, at_us DESC, seq DESC);
