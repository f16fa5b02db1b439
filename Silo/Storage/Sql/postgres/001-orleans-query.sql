-- Orleans' AdoNet providers read every statement they run from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery", unquoted, so PostgreSQL folds the names to lower case).
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  text NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);
