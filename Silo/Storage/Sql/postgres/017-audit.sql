-- The audit trail (README "Audit trail"): append-only hash chains. Each silo process run writes one chain, named at
-- start, so silos never wait for each other's entries; an entry holds its chain, its sequence number in it, the previous
-- entry's hash and its own hash over all of its fields, under the algorithm it names. `audit verify` walks every chain.

-- One row per chain: which host's process run wrote it, written with the chain's first entries.
CREATE TABLE IF NOT EXISTS audit_chains
(
    chain_id   text COLLATE "C" NOT NULL PRIMARY KEY,
    started_at timestamptz      NOT NULL,
    host       text             NOT NULL
);

-- timestamptz keeps microseconds; entries are hashed at that precision, so a value reads back exactly as it was hashed.
CREATE TABLE IF NOT EXISTS audit_entries
(
    chain_id       text COLLATE "C" NOT NULL,
    sequence       bigint           NOT NULL,
    at             timestamptz      NOT NULL,
    employee_id    text COLLATE "C",
    key_name       text COLLATE "C",
    door           text,
    channel        text             NOT NULL,
    client_address text,
    action         text COLLATE "C" NOT NULL,
    target_type    text COLLATE "C",
    target_id      text COLLATE "C",
    outcome        text             NOT NULL,
    digest         text,
    algorithm      text             NOT NULL,
    previous_hash  text             NOT NULL,
    hash           text             NOT NULL,
    PRIMARY KEY (chain_id, sequence)
);

-- GET /api/audit pages by time (newest first or oldest first), optionally by actor or target.
CREATE INDEX IF NOT EXISTS ix_audit_entries_at ON audit_entries (at, chain_id, sequence);
CREATE INDEX IF NOT EXISTS ix_audit_entries_employee ON audit_entries (employee_id, at) WHERE employee_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_entries_key ON audit_entries (key_name, at) WHERE key_name IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_audit_entries_target ON audit_entries (target_type, target_id, at);

-- Append-only for the product and anyone going through SQL by mistake. The table's owner can still disable these
-- triggers and change rows: the hash chain is what shows it.
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$;

DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries;
CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
