-- repeatable: re-applied whenever this file changes, so edited query texts reach existing databases.
--
-- Contract (Orleans AdoNetGrainStorage): parameters ServiceId, GrainTypeString, GrainIdN0, GrainIdN1,
-- GrainIdExtensionString (NULL when the key has no extension), GrainStateVersion (NULL for a grain that
-- has never been written), PayloadBinary. Orleans also passes GrainIdHash and GrainTypeHash; the exact key
-- makes them unnecessary here. A write or clear must return the new version; returning no row (or the
-- same version) makes Orleans throw InconsistentStateException, which is how a stale ETag is reported.

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = ifnull(@GrainIdExtensionString, '''');
');

-- Two statements, one result row at most: the UPDATE matches only the expected version; the INSERT runs
-- only for a first write and does nothing if another activation got there first. Either miss yields no row.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE orleans_storage
SET payload = @PayloadBinary, version = version + 1, modified_at = datetime()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = ifnull(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version, modified_at)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, ifnull(@GrainIdExtensionString, ''''), @PayloadBinary, 1, datetime()
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
');

-- Clearing keeps the row (version history continues) and drops the payload.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE orleans_storage
SET payload = NULL, version = version + 1, modified_at = datetime()
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = ifnull(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;
');

-- Used instead of ClearStorageKey when AdoNetGrainStorageOptions.DeleteStateOnClear is set. Orleans checks
-- the returned value against the ETag it sent, so a successful delete reports the next version.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = ifnull(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1 AS NewGrainStateVersion;
');
