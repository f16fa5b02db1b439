-- The SLA board: the open complaints counted by SLA state and listed most urgent first, for everyone and for a branch.
-- Partial indexes over the open cases (status 3 is Resolved) in exactly the board's order let the first page stop after
-- its rows instead of sorting every open case, and let the counts read the index alone. The queries write the
-- condition as the same literal (ComplaintFilterSql).
CREATE INDEX IF NOT EXISTS ix_rm_complaints_open_urgency
    ON rm_complaints ((next_deadline IS NULL), next_deadline, opened_at, complaint_id) WHERE status <> 3;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_open_branch_urgency
    ON rm_complaints (branch_id, (next_deadline IS NULL), next_deadline, opened_at, complaint_id) WHERE status <> 3;
CREATE INDEX IF NOT EXISTS ix_rm_complaints_open_sla ON rm_complaints (sla_state, status) WHERE status <> 3;
