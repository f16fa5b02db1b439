-- Business calendars and the daily SLA digest.
--
-- rm_complaints.calendar_id: the business calendar a complaint's SLA clock counts in (after the fallback to
-- cn-mainland; NULL on a Calendar clock), so a calendar change finds the open complaints to re-arm.
-- breached_at: the deadline of the complaint's first breach; last_escalated_at: when its latest escalation fired.
ALTER TABLE rm_complaints ADD COLUMN calendar_id TEXT;
ALTER TABLE rm_complaints ADD COLUMN breached_at TEXT;
ALTER TABLE rm_complaints ADD COLUMN last_escalated_at TEXT;

CREATE INDEX IF NOT EXISTS ix_rm_complaints_calendar ON rm_complaints (calendar_id, complaint_id) WHERE calendar_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_branch_breached ON rm_complaints (branch_id, breached_at) WHERE breached_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_branch_escalated ON rm_complaints (branch_id, last_escalated_at) WHERE last_escalated_at IS NOT NULL;

-- Branches and regions as the branch grains publish them: the digest job finds each branch head and its time zone here.
CREATE TABLE IF NOT EXISTS rm_branches
(
    branch_id        TEXT NOT NULL PRIMARY KEY,
    name             TEXT NOT NULL,
    head_employee_id TEXT NOT NULL,
    parent_branch_id TEXT,
    calendar_id      TEXT,
    updated_at       TEXT NOT NULL
);
