-- wa_seen_deliveries: the chat deliveries (a WeCom callback, a Teams activity) already acted on, each kept until the
-- sender could no longer have it accepted (its replay window), so that a retry or a replay runs its command once,
-- whatever restarts came in between. expires_at is in Unix milliseconds; rows past it are purged.
CREATE TABLE IF NOT EXISTS wa_seen_deliveries
(
    delivery_key TEXT    NOT NULL PRIMARY KEY,
    expires_at   INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_wa_seen_deliveries_expires_at ON wa_seen_deliveries (expires_at);
