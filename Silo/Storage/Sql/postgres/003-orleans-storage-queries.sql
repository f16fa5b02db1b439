-- repeatable: re-applied whenever this file changes, so edited query texts reach existing databases.
--
-- Contract (Orleans AdoNetGrainStorage): parameters ServiceId, GrainTypeString, GrainIdN0, GrainIdN1 (bigint),
-- GrainIdExtensionString (NULL when the key has no extension), GrainStateVersion (integer, NULL for a grain that
-- has never been written), PayloadBinary (bytea). Orleans also passes GrainIdHash and GrainTypeHash; the exact key
-- makes them unnecessary here. A write or clear returns the new version in one row; no row makes Orleans throw
-- InconsistentStateException, which is how a stale ETag is reported.

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $sql$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(@GrainIdExtensionString, '');
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- One statement, one round trip, one row at most. The UPDATE matches only the expected version (a NULL version
-- matches nothing); the INSERT runs only for a first write and yields nothing if another activation inserted
-- first. Under READ COMMITTED a concurrent writer of the same version waits for the row lock, re-checks the
-- version against the committed row and matches nothing: exactly one of two racing activations wins.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Not Orleans': the same write for a state committed in one unit with its read-model rows (PostgresBatchedGrainStorage).
-- Where the write above answers a stale version with no row, this one fails (wa_state_not_written, SQLSTATE WA409),
-- so the rows after it in the unit cannot commit without the state. COALESCE calls the function only when neither
-- branch wrote, and a data-modifying WITH runs to completion before the outer SELECT reads what it returned.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageOrFailKey', $sql$
WITH updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT coalesce(
    (SELECT version FROM updated UNION ALL SELECT version FROM inserted),
    wa_state_not_written(@GrainTypeString, @GrainIdExtensionString, @GrainStateVersion)) AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clearing keeps the row (the version sequence continues, so an old ETag can never match again) and drops the payload.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $sql$
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear is set. Orleans checks the
-- returned value against the ETag it sent, so a successful delete reports the next version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $sql$
DELETE FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
