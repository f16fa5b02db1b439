-- Every command rewrites its complaint's row, and opening or resolving one rewrites its client's too: what such a
-- write costs the server is mostly its index entries. No query looks complaints up by client (a client's open
-- complaints are kept on the client grain), so that index only cost writes. Room left on each page lets an update
-- that changes no indexed column (a note on a complaint, a complaint linked to its client) stay on its page and skip
-- the indexes (a HOT update); the setting applies to pages written from now on.
DROP INDEX IF EXISTS ix_rm_complaints_client;
ALTER TABLE rm_complaints SET (fillfactor = 80);
ALTER TABLE rm_clients SET (fillfactor = 80);
