-- Suitability (适当性): the compliance register and the evidence store's index. Instants are Unix milliseconds (as on
-- SQLite, so both share one set of statements), amounts numeric. Nothing deletes a register line or an evidence record.
CREATE TABLE IF NOT EXISTS wa_suitability_register
(
    entry_key       text COLLATE "C" NOT NULL PRIMARY KEY,
    kind            text             NOT NULL,
    at              bigint           NOT NULL,
    client_id       text             NOT NULL,
    branch_id       text             NOT NULL,
    advisor_id      text             NOT NULL,
    product_code    text             NOT NULL,
    product_risk    text             NOT NULL,
    client_risk     text             NULL,
    amount          text             NOT NULL,
    reasons         text             NOT NULL,
    subscription_id text             NULL,
    status          text             NOT NULL,
    decided_by      text             NULL,
    decided_at      bigint           NULL,
    note            text             NULL
);

CREATE INDEX IF NOT EXISTS ix_wa_suitability_register_at ON wa_suitability_register (at);

CREATE TABLE IF NOT EXISTS wa_evidence
(
    evidence_id     text COLLATE "C" NOT NULL PRIMARY KEY,
    kind            text             NOT NULL,
    client_id       text             NOT NULL,
    subscription_id text             NULL,
    file_name       text             NOT NULL,
    content_type    text             NOT NULL,
    size_bytes      bigint           NOT NULL,
    sha256          text             NOT NULL,
    stored_path     text             NOT NULL,
    stored_at       bigint           NOT NULL,
    retain_until    bigint           NOT NULL,
    uploaded_by     text             NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_wa_evidence_client ON wa_evidence (client_id);

CREATE OR REPLACE FUNCTION wa_evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'wa_evidence is append-only';
END;
$$;

DROP TRIGGER IF EXISTS wa_evidence_no_change ON wa_evidence;
CREATE TRIGGER wa_evidence_no_change BEFORE UPDATE OR DELETE ON wa_evidence
    FOR EACH ROW EXECUTE FUNCTION wa_evidence_append_only();
