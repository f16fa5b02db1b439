-- When the recipient's inbox took a message (UTC ticks), beside when the sender raised it; null on older rows.
ALTER TABLE rm_inbox ADD COLUMN IF NOT EXISTS delivered_at bigint;
