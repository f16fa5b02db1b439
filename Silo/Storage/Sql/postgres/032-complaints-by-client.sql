-- A client's complaints, newest first (the console's client page): the page walks this
-- index and stops after its rows, where it read every complaint of the book. The index dropped in 014 was dropped when
-- no query asked by client. Its columns never change after a complaint is opened, so an update still skips every index
-- that no changed column is in (a HOT update): only opening a complaint writes an entry here.
CREATE INDEX IF NOT EXISTS ix_rm_complaints_client_newest ON rm_complaints (client_id, opened_at DESC, complaint_id);
