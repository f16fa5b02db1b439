-- A complaint's timeline beyond what its grain keeps: the grain moves its oldest events here in chunks, numbered from
-- 0 at opening, so a long-running case keeps its whole history readable while its state stays small.
CREATE TABLE IF NOT EXISTS rm_timeline
(
    complaint_id TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    at           TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    by_actor     TEXT    NOT NULL,
    text         TEXT,
    via          TEXT,
    PRIMARY KEY (complaint_id, seq)
) WITHOUT ROWID;
