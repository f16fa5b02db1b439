-- A grain's state and its read-model rows are one unit of a write batch, so they commit in one transaction. The state
-- write reports a stale version by returning no row instead of failing, which would let the rows after it commit
-- without it: a check between the two (PostgresBatchedGrainStorage) calls this only when the state was not written,
-- and so fails the unit instead. The read model never shows a state that was not stored.
CREATE OR REPLACE FUNCTION wa_stale_state(p_grain_type text, p_grain_ext text, p_version integer) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'grain state % % was not written at version %', p_grain_type, p_grain_ext, p_version
        USING ERRCODE = 'WA409';
END
$fn$;
