-- The audit trail (README "Audit trail"): append-only hash chains. Each silo process run writes one chain, named at
-- start; an entry holds its chain, its sequence number in it, the previous entry's hash and its own hash over all of
-- its fields, under the algorithm it names. `audit verify` walks every chain.

-- One row per chain: which host's process run wrote it, written with the chain's first entries.
CREATE TABLE IF NOT EXISTS audit_chains
(
    chain_id   TEXT NOT NULL PRIMARY KEY,
    started_at TEXT NOT NULL,
    host       TEXT NOT NULL
);

-- Instants are UTC text with six fraction digits ("2026-11-02T01:00:00.000000Z"), so text order is time order and a
-- value reads back exactly as it was hashed.
CREATE TABLE IF NOT EXISTS audit_entries
(
    chain_id       TEXT    NOT NULL,
    sequence       INTEGER NOT NULL,
    at             TEXT    NOT NULL,
    employee_id    TEXT,
    key_name       TEXT,
    door           TEXT,
    channel        TEXT    NOT NULL,
    client_address TEXT,
    action         TEXT    NOT NULL,
    target_type    TEXT,
    target_id      TEXT,
    outcome        TEXT    NOT NULL,
    digest         TEXT,
    algorithm      TEXT    NOT NULL,
    previous_hash  TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    PRIMARY KEY (chain_id, sequence)
);

-- GET /api/audit pages by time (newest first or oldest first), optionally by actor or target.
CREATE INDEX IF NOT EXISTS ix_audit_entries_at ON audit_entries (at, chain_id, sequence);
CREATE INDEX IF NOT EXISTS ix_audit_entries_employee ON audit_entries (employee_id, at) WHERE employee_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_entries_key ON audit_entries (key_name, at) WHERE key_name IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_entries_target ON audit_entries (target_type, target_id, at);

-- Append-only for the product and anyone going through SQL by mistake. Someone who drops these triggers can still
-- change rows: the hash chain is what shows it.
CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;
