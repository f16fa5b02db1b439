-- Cluster membership for Orleans.Clustering.AdoNet. One version row per cluster (Orleans calls the cluster id the
-- deployment id): every membership change increments it conditionally, which is how concurrent silos agree.
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text COLLATE "C" NOT NULL PRIMARY KEY,
    changed_at    timestamptz      NOT NULL DEFAULT now(),
    version       integer          NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation). status is Orleans' SiloStatus (3 = Active,
-- 6 = Dead); suspect_times is Orleans' own "silo,time|silo,time" text of the votes against the silo.
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text COLLATE "C" NOT NULL
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text COLLATE "C" NOT NULL,
    port            integer          NOT NULL,
    generation      integer          NOT NULL,
    silo_name       text             NOT NULL,
    host_name       text             NOT NULL,
    status          integer          NOT NULL,
    proxy_port      integer          NOT NULL DEFAULT 0,
    suspect_times   text,
    start_time      timestamptz      NOT NULL,
    i_am_alive_time timestamptz      NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);
