-- Business calendars and the daily SLA digest.
--
-- rm_complaints.calendar_id: the business calendar a complaint's SLA clock counts in (after the fallback to
-- cn-mainland; NULL on a Calendar clock), so a calendar change finds the open complaints to re-arm.
-- breached_at: the deadline of the complaint's first breach; last_escalated_at: when its latest escalation fired.
-- Instants are UTC ticks, as in 008-read-model.sql.
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS calendar_id       text COLLATE "C";
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS breached_at       bigint;
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS last_escalated_at bigint;

CREATE INDEX IF NOT EXISTS ix_rm_complaints_calendar ON rm_complaints (calendar_id, complaint_id) WHERE calendar_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_branch_breached ON rm_complaints (branch_id, breached_at) WHERE breached_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_branch_escalated ON rm_complaints (branch_id, last_escalated_at) WHERE last_escalated_at IS NOT NULL;

-- Branches and regions as the branch grains publish them: the digest job finds each branch head and its time zone here.
CREATE TABLE IF NOT EXISTS rm_branches
(
    branch_id        text COLLATE "C" NOT NULL PRIMARY KEY,
    name             text             NOT NULL,
    head_employee_id text COLLATE "C" NOT NULL,
    parent_branch_id text COLLATE "C",
    calendar_id      text COLLATE "C",
    updated_at       bigint           NOT NULL
);
