-- The read model: projections that grains publish so they can be found by something other than their key.
-- Never the source of truth; a grain may republish at any time. Instants are stored as fixed-width UTC text
-- (yyyy-MM-ddTHH:mm:ss.fffffffZ) and dates as yyyy-MM-dd, so text order is time order.

CREATE TABLE IF NOT EXISTS rm_clients
(
    client_id           TEXT    NOT NULL PRIMARY KEY,
    name                TEXT    NOT NULL,
    -- The name upper-cased by the application (culture-invariant, not just ASCII like SQLite's upper()),
    -- searched with instr() so the in-memory read model can match it exactly.
    name_key            TEXT    NOT NULL,
    branch_id           TEXT    NOT NULL,
    advisor_id          TEXT    NOT NULL,
    tier                INTEGER NOT NULL,
    vip                 INTEGER NOT NULL,
    -- Decimal as text: exact, and AUM is displayed, not summed, here.
    aum                 TEXT    NOT NULL,
    birthday            TEXT,
    birthday_md         TEXT GENERATED ALWAYS AS (substr(birthday, 6, 5)) VIRTUAL,
    risk_expires_on     TEXT,
    last_interaction_at TEXT,
    next_maturity       TEXT,
    lifecycle           INTEGER NOT NULL,
    open_complaints     INTEGER NOT NULL,
    updated_at          TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_clients_branch ON rm_clients (branch_id);
-- For the care scans ("birthdays next week", "risk profile expiring", "no contact for 90 days", "maturing soon").
CREATE INDEX IF NOT EXISTS ix_rm_clients_birthday_md ON rm_clients (birthday_md) WHERE birthday_md IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_clients_risk_expires ON rm_clients (risk_expires_on) WHERE risk_expires_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_clients_last_interaction ON rm_clients (last_interaction_at);
CREATE INDEX IF NOT EXISTS ix_rm_clients_next_maturity ON rm_clients (next_maturity) WHERE next_maturity IS NOT NULL;

CREATE TABLE IF NOT EXISTS rm_complaints
(
    complaint_id     TEXT    NOT NULL PRIMARY KEY,
    client_id        TEXT    NOT NULL,
    branch_id        TEXT    NOT NULL,
    assignee         TEXT,
    status           INTEGER NOT NULL,
    sla_state        INTEGER NOT NULL,
    severity         INTEGER NOT NULL,
    category         TEXT    NOT NULL,
    escalation_level INTEGER NOT NULL,
    opened_at        TEXT    NOT NULL,
    next_deadline    TEXT,
    resolution_due   TEXT,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_complaints_branch ON rm_complaints (branch_id, status, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_complaints_assignee ON rm_complaints (assignee, status, next_deadline) WHERE assignee IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_status ON rm_complaints (status, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_complaints_sla ON rm_complaints (sla_state, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_complaints_client ON rm_complaints (client_id);

CREATE TABLE IF NOT EXISTS rm_inbox
(
    employee_id   TEXT    NOT NULL,
    message_id    TEXT    NOT NULL,
    kind          INTEGER NOT NULL,
    message_key   TEXT    NOT NULL,
    complaint_id  TEXT,
    client_id     TEXT,
    text          TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    -- JSON array of channel names.
    delivered_via TEXT    NOT NULL,
    PRIMARY KEY (employee_id, message_id)
);

CREATE INDEX IF NOT EXISTS ix_rm_inbox_newest ON rm_inbox (employee_id, created_at DESC, message_id DESC);
