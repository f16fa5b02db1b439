-- No query looks complaints up by client (a client's open complaints are kept on the client grain), so that index
-- only cost every complaint write.
DROP INDEX IF EXISTS ix_rm_complaints_client;
