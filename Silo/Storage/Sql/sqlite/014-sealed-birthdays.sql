-- Client birthdays are personal data: from this version the read model keeps each one sealed with the key ring
-- (birthday_sealed, written by the application) and only its month and day in clear, for the birthday care scan
-- (birthday_md becomes an ordinary column instead of one generated from the clear birthday). SQL cannot seal, so the
-- birthdays already stored keep their month and day here, and the silo seals them and empties the clear column as it
-- starts (IClearBirthdaySealing); nothing writes the clear column again.
DROP INDEX IF EXISTS ix_rm_clients_birthday_md;
ALTER TABLE rm_clients DROP COLUMN birthday_md;
ALTER TABLE rm_clients ADD COLUMN birthday_md TEXT;
ALTER TABLE rm_clients ADD COLUMN birthday_sealed BLOB;
UPDATE rm_clients SET birthday_md = substr(birthday, 6, 5) WHERE birthday IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_rm_clients_birthday_md ON rm_clients (birthday_md) WHERE birthday_md IS NOT NULL;
-- The clear birthdays left to seal, so a silo finds at once, on every start, that none are (the index stays empty).
CREATE INDEX IF NOT EXISTS ix_rm_clients_clear_birthday ON rm_clients (client_id) WHERE birthday IS NOT NULL;
