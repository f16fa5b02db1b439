-- Orleans' AdoNet providers read every statement they run from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"), so its name and column names are fixed.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
