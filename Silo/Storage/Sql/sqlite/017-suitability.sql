-- Suitability (适当性): the compliance register and the evidence store's index. Instants are Unix milliseconds,
-- amounts decimal text (invariant culture). Both tables are kept: nothing deletes a register line or an evidence record.
CREATE TABLE IF NOT EXISTS wa_suitability_register
(
    entry_key       TEXT    NOT NULL PRIMARY KEY,
    kind            TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    client_id       TEXT    NOT NULL,
    branch_id       TEXT    NOT NULL,
    advisor_id      TEXT    NOT NULL,
    product_code    TEXT    NOT NULL,
    product_risk    TEXT    NOT NULL,
    client_risk     TEXT    NULL,
    amount          TEXT    NOT NULL,
    reasons         TEXT    NOT NULL,
    subscription_id TEXT    NULL,
    status          TEXT    NOT NULL,
    decided_by      TEXT    NULL,
    decided_at      INTEGER NULL,
    note            TEXT    NULL
);

CREATE INDEX IF NOT EXISTS ix_wa_suitability_register_at ON wa_suitability_register (at);

CREATE TABLE IF NOT EXISTS wa_evidence
(
    evidence_id     TEXT    NOT NULL PRIMARY KEY,
    kind            TEXT    NOT NULL,
    client_id       TEXT    NOT NULL,
    subscription_id TEXT    NULL,
    file_name       TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size_bytes      INTEGER NOT NULL,
    sha256          TEXT    NOT NULL,
    stored_path     TEXT    NOT NULL,
    stored_at       INTEGER NOT NULL,
    retain_until    INTEGER NOT NULL,
    uploaded_by     TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_wa_evidence_client ON wa_evidence (client_id);

-- Evidence records are never changed or removed (retention); the register's lines may move on (an override approved).
CREATE TRIGGER IF NOT EXISTS wa_evidence_no_update BEFORE UPDATE ON wa_evidence
BEGIN
    SELECT RAISE(ABORT, 'wa_evidence is append-only');
END;

CREATE TRIGGER IF NOT EXISTS wa_evidence_no_delete BEFORE DELETE ON wa_evidence
BEGIN
    SELECT RAISE(ABORT, 'wa_evidence is append-only');
END;
