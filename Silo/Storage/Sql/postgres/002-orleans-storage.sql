-- Grain state for Orleans.Persistence.AdoNet, keyed exactly (the ExactKeyGrainStorage decorator makes every key
-- a string, so grain_n0 and grain_n1 are 0 and grain_ext holds the key). A missing extension is stored as '',
-- because a primary key cannot hold NULL. Keys compare byte-wise (COLLATE "C"): cheaper than a linguistic
-- collation and exactly the equality the grain key needs.
CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id  text COLLATE "C" NOT NULL,
    grain_type  text COLLATE "C" NOT NULL,
    grain_n0    bigint           NOT NULL,
    grain_n1    bigint           NOT NULL,
    grain_ext   text COLLATE "C" NOT NULL,
    payload     bytea,
    version     integer          NOT NULL,
    modified_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_n0, grain_n1, grain_ext)
);

-- Every write rewrites the row; free space on the page lets PostgreSQL update it in place (no indexed column
-- changes), so hot grains do not bloat the primary key.
ALTER TABLE orleans_storage SET (fillfactor = 80);
