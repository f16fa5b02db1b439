-- Grain state for Orleans.Persistence.AdoNet.
-- The natural key is exact (no hash collisions to prune). A missing key extension is stored as ''
-- so that the unique index, which treats NULLs as distinct, really allows one row per grain.
-- A rowid table rather than WITHOUT ROWID: payloads can be large, and WITHOUT ROWID suits small rows.
CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id  TEXT    NOT NULL,
    grain_type  TEXT    NOT NULL,
    grain_n0    INTEGER NOT NULL,
    grain_n1    INTEGER NOT NULL,
    grain_ext   TEXT    NOT NULL,
    payload     BLOB,
    version     INTEGER NOT NULL,
    modified_at TEXT    NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_storage_grain
    ON orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_ext);
