-- Tasks as their grains publish them, for a person's task list by status, soonest due first.
CREATE TABLE IF NOT EXISTS rm_tasks
(
    task_id          TEXT    NOT NULL PRIMARY KEY,
    client_id        TEXT    NOT NULL,
    branch_id        TEXT    NOT NULL,
    owner            TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    status           INTEGER NOT NULL,
    due              TEXT    NOT NULL,
    overdue          INTEGER NOT NULL,
    escalation_level INTEGER NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_rm_tasks_owner ON rm_tasks (owner, status, due);
CREATE INDEX IF NOT EXISTS ix_rm_tasks_client ON rm_tasks (client_id);
