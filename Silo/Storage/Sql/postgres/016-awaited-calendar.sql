-- rm_complaints.awaited_calendar_id: the business calendar a complaint's policy names while the catalog does not have
-- it (the clock counts in the default meanwhile; NULL otherwise), so creating that calendar re-arms the complaint at
-- once instead of at its next command or tick. Almost every row has none: the index holds only those that do.
ALTER TABLE rm_complaints ADD COLUMN IF NOT EXISTS awaited_calendar_id text COLLATE "C";

CREATE INDEX IF NOT EXISTS ix_rm_complaints_awaited_calendar ON rm_complaints (awaited_calendar_id, complaint_id)
    WHERE awaited_calendar_id IS NOT NULL;
