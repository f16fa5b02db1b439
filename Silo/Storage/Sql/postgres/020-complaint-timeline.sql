-- A complaint's timeline beyond what its grain keeps: the grain moves its oldest events here in chunks, numbered from
-- 0 at opening, so a long-running case keeps its whole history readable while its state stays small.
CREATE TABLE IF NOT EXISTS rm_timeline
(
    complaint_id text COLLATE "C" NOT NULL,
    seq          bigint           NOT NULL,
    at           bigint           NOT NULL,
    kind         text             NOT NULL,
    by_actor     text             NOT NULL,
    text         text,
    via          text,
    PRIMARY KEY (complaint_id, seq)
);
