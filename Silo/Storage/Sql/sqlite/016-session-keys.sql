-- wa_session_keys: the keys ASP.NET Core Data Protection signs and encrypts the Silo's cookies with (the sign-in session,
-- the sign-in correlation cookies), one XML document per key, sealed with the personal-data key ring. Kept in the
-- database so that sessions outlive a restart; keys are only ever added (Data Protection retires them by date).
CREATE TABLE IF NOT EXISTS wa_session_keys
(
    friendly_name TEXT NOT NULL PRIMARY KEY,
    xml           TEXT NOT NULL
);
