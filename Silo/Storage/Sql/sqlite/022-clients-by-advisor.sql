-- An advisor's clients in id order: the clients an advisor handover moves are read from here a page at a time.
CREATE INDEX IF NOT EXISTS ix_rm_clients_advisor ON rm_clients (advisor_id, client_id);
