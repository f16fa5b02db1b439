-- Client birthdays are personal data: from this version the read model keeps each one sealed with the key ring
-- (birthday_sealed, written by the application) and only its month and day in clear, for the birthday care scan
-- (birthday_mmdd becomes an ordinary column instead of one generated from the clear birthday). SQL cannot seal, so the
-- birthdays already stored keep their month and day here, and the silos seal them and empty the clear column as they
-- start (IClearBirthdaySealing); nothing writes the clear column again. The old row versions keep the clear values
-- until they are vacuumed away (README, "Personal data at rest").
ALTER TABLE rm_clients ADD COLUMN IF NOT EXISTS birthday_sealed bytea;
ALTER TABLE rm_clients ADD COLUMN birthday_month_day integer;
UPDATE rm_clients SET birthday_month_day = birthday_mmdd WHERE birthday_mmdd IS NOT NULL;
DROP INDEX IF EXISTS ix_rm_clients_birthday;
ALTER TABLE rm_clients DROP COLUMN birthday_mmdd;
ALTER TABLE rm_clients RENAME COLUMN birthday_month_day TO birthday_mmdd;
CREATE INDEX IF NOT EXISTS ix_rm_clients_birthday ON rm_clients (birthday_mmdd) WHERE birthday_mmdd IS NOT NULL;
-- The clear birthdays left to seal, so a silo finds at once, on every start, that none are (the index stays empty).
CREATE INDEX IF NOT EXISTS ix_rm_clients_clear_birthday ON rm_clients (client_id) WHERE birthday IS NOT NULL;
