-- Tasks as their grains publish them, for a person's task list by status, soonest due first.
CREATE TABLE IF NOT EXISTS rm_tasks
(
    task_id          text COLLATE "C" NOT NULL PRIMARY KEY,
    client_id        text COLLATE "C" NOT NULL,
    branch_id        text COLLATE "C" NOT NULL,
    owner            text COLLATE "C" NOT NULL,
    title            text             NOT NULL,
    kind             text             NOT NULL,
    status           integer          NOT NULL,
    due              bigint           NOT NULL,
    overdue          boolean          NOT NULL,
    escalation_level integer          NOT NULL,
    created_at       bigint           NOT NULL,
    updated_at       bigint           NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_tasks_owner ON rm_tasks (owner, status, due);
CREATE INDEX IF NOT EXISTS ix_rm_tasks_client ON rm_tasks (client_id);
