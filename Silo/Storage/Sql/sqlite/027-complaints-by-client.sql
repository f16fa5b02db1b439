-- A client's complaints, newest first (the console's client page): the page walks this
-- index and stops after its rows, where it read every complaint of the book. The index dropped in 010 was dropped when
-- no query asked by client. Its columns never change after a complaint is opened, and the read model's upsert leaves
-- them out of its update, so SQLite maintains this index only when a complaint is opened (an update maintains the
-- indexes holding a column it assigns).
CREATE INDEX IF NOT EXISTS ix_rm_complaints_client_newest ON rm_complaints (client_id, opened_at DESC, complaint_id);
