-- Service requests as their grains publish them, listed like complaints: by branch, status, assignee or type, the
-- nearest deadline first.
CREATE TABLE IF NOT EXISTS rm_service_requests
(
    request_id       text COLLATE "C" NOT NULL PRIMARY KEY,
    client_id        text COLLATE "C" NOT NULL,
    branch_id        text COLLATE "C" NOT NULL,
    assignee         text COLLATE "C",
    type             text             NOT NULL,
    status           integer          NOT NULL,
    sla_state        integer          NOT NULL,
    escalation_level integer          NOT NULL,
    opened_at        bigint           NOT NULL,
    next_deadline    bigint,
    updated_at       bigint           NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_service_requests_branch ON rm_service_requests (branch_id, status, next_deadline);
CREATE INDEX IF NOT EXISTS ix_rm_service_requests_assignee ON rm_service_requests (assignee, status, next_deadline) WHERE assignee IS NOT NULL;
