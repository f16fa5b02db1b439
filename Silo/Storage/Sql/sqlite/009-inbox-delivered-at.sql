-- When the recipient's inbox took a message, beside when the sender raised it; null on older rows.
ALTER TABLE rm_inbox ADD COLUMN delivered_at TEXT;
