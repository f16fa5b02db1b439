-- Proactive care: what the care scans read beyond rm_clients, and the ledger of occurrences already delivered.

-- When the client became a client: dormancy of a client never contacted counts from here.
ALTER TABLE rm_clients ADD COLUMN client_since TEXT;

-- "No contact for N days": the last interaction, or becoming a client when there was none.
CREATE INDEX IF NOT EXISTS ix_rm_clients_last_contact ON rm_clients (coalesce(last_interaction_at, client_since));

-- A client's holdings, replaced with each client projection (a client may hold several maturing products).
CREATE TABLE IF NOT EXISTS rm_holdings
(
    client_id     TEXT NOT NULL,
    product_code  TEXT NOT NULL,
    product_name  TEXT NOT NULL,
    maturity_date TEXT,
    amount        TEXT NOT NULL,
    PRIMARY KEY (client_id, product_code)
);

CREATE INDEX IF NOT EXISTS ix_rm_holdings_maturity ON rm_holdings (maturity_date) WHERE maturity_date IS NOT NULL;

-- One row per care occurrence delivered (rule, client and what makes the occurrence: a birthday's date, a holding's
-- maturity stage, the last contact before a dormancy warning, an expiry date). Written after the delivery; the scans
-- skip what is recorded here, so a daily re-run does not deliver again. Not part of the read model: never rebuilt.
CREATE TABLE IF NOT EXISTS care_occurrences
(
    occurrence_key TEXT    NOT NULL PRIMARY KEY,
    rule           TEXT    NOT NULL,
    client_id      TEXT    NOT NULL,
    occurrence_on  TEXT,
    detail         TEXT,
    stage          INTEGER,
    contact_at     TEXT,
    recorded_at    TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_care_occurrences_client ON care_occurrences (rule, client_id, occurrence_on);
