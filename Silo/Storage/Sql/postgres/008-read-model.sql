-- The read model: projections that grains publish so they can be found by something other than their key.
-- Never the source of truth; a grain may republish at any time.
--
-- Instants are .NET UTC ticks (bigint, 100 ns): timestamptz keeps microseconds only, and a projection must come
-- back exactly as written (an older projection is recognised by its updated_at). wa_instant() shows them as
-- timestamptz for people querying by hand. Identifiers and the search key compare byte-wise (COLLATE "C"), the
-- ordinal order the in-memory read model uses.

CREATE OR REPLACE FUNCTION wa_instant(ticks bigint) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $fn$ SELECT to_timestamp((ticks - 621355968000000000) / 10000000.0) $fn$;

CREATE TABLE IF NOT EXISTS rm_clients
(
    client_id           text COLLATE "C" NOT NULL PRIMARY KEY,
    name                text             NOT NULL,
    -- The name upper-cased by the application (culture-invariant, the same rule as the in-memory read model).
    name_key            text COLLATE "C" NOT NULL,
    branch_id           text COLLATE "C" NOT NULL,
    advisor_id          text COLLATE "C" NOT NULL,
    tier                integer          NOT NULL,
    vip                 boolean          NOT NULL,
    aum                 numeric          NOT NULL,
    birthday            date,
    -- Month and day as one number (March 14 = 314) for "birthdays next week" across years.
    birthday_mmdd       integer GENERATED ALWAYS AS
                            ((extract(month FROM birthday) * 100 + extract(day FROM birthday))::integer) STORED,
    risk_expires_on     date,
    last_interaction_at bigint,
    next_maturity       date,
    lifecycle           integer          NOT NULL,
    open_complaints     integer          NOT NULL,
    updated_at          bigint           NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_clients_branch ON rm_clients (branch_id);
-- For the care scans ("birthdays next week", "risk profile expiring", "no contact for 90 days", "maturing soon").
CREATE INDEX IF NOT EXISTS ix_rm_clients_birthday ON rm_clients (birthday_mmdd) WHERE birthday_mmdd IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_clients_risk_expires ON rm_clients (risk_expires_on) WHERE risk_expires_on IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_clients_last_interaction ON rm_clients (last_interaction_at);
CREATE INDEX IF NOT EXISTS ix_rm_clients_next_maturity ON rm_clients (next_maturity) WHERE next_maturity IS NOT NULL;

CREATE TABLE IF NOT EXISTS rm_complaints
(
    complaint_id     text COLLATE "C" NOT NULL PRIMARY KEY,
    client_id        text COLLATE "C" NOT NULL,
    branch_id        text COLLATE "C" NOT NULL,
    assignee         text COLLATE "C",
    status           integer          NOT NULL,
    sla_state        integer          NOT NULL,
    severity         integer          NOT NULL,
    category         text             NOT NULL,
    escalation_level integer          NOT NULL,
    opened_at        bigint           NOT NULL,
    next_deadline    bigint,
    resolution_due   bigint,
    updated_at       bigint           NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_complaints_branch ON rm_complaints (branch_id, status, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_complaints_assignee ON rm_complaints (assignee, status, next_deadline) WHERE assignee IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_status ON rm_complaints (status, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_complaints_sla ON rm_complaints (sla_state, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_complaints_client ON rm_complaints (client_id);

CREATE TABLE IF NOT EXISTS rm_inbox
(
    employee_id   text COLLATE "C" NOT NULL,
    message_id    text COLLATE "C" NOT NULL,
    kind          integer          NOT NULL,
    message_key   text COLLATE "C" NOT NULL,
    complaint_id  text COLLATE "C",
    client_id     text COLLATE "C",
    text          text             NOT NULL,
    created_at    bigint           NOT NULL,
    delivered_via text[]           NOT NULL,
    PRIMARY KEY (employee_id, message_id)
);

CREATE INDEX IF NOT EXISTS ix_rm_inbox_newest ON rm_inbox (employee_id, created_at DESC, message_id DESC);
