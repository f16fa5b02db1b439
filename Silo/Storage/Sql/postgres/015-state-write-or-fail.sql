-- A state written with its read-model rows now fails by itself when its version is stale (WriteToStorageOrFailKey in
-- 003), one statement where a check after the write took a second. The check's function goes with it.
CREATE OR REPLACE FUNCTION wa_state_not_written(p_grain_type text, p_grain_ext text, p_version integer) RETURNS integer
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'grain state % % was not written: version % is not the stored one', p_grain_type, p_grain_ext, p_version
        USING ERRCODE = 'WA409';
END
$fn$;
DROP FUNCTION IF EXISTS wa_stale_state(text, text, integer);
