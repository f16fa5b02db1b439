-- Service requests as their grains publish them, listed like complaints: by branch, status, assignee or type, the
-- nearest deadline first.
CREATE TABLE IF NOT EXISTS rm_service_requests
(
    request_id       TEXT    NOT NULL PRIMARY KEY,
    client_id        TEXT    NOT NULL,
    branch_id        TEXT    NOT NULL,
    assignee         TEXT,
    type             TEXT    NOT NULL,
    status           INTEGER NOT NULL,
    sla_state        INTEGER NOT NULL,
    escalation_level INTEGER NOT NULL,
    opened_at        TEXT    NOT NULL,
    next_deadline    TEXT,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_service_requests_branch ON rm_service_requests (branch_id, status, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_service_requests_assignee ON rm_service_requests (assignee, status, next_deadline) WHERE assignee IS NOT NULL;
