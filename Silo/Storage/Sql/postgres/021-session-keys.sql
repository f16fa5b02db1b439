-- wa_session_keys: the keys ASP.NET Core Data Protection signs and encrypts the Silo's cookies with (the sign-in session,
-- the sign-in correlation cookies), one XML document per key, sealed with the personal-data key ring. Shared by every
-- silo, so a session opened on one silo is honoured by the others and outlives restarts; keys are only ever added.
CREATE TABLE IF NOT EXISTS wa_session_keys
(
    friendly_name text COLLATE "C" NOT NULL PRIMARY KEY,
    xml           text             NOT NULL
);
