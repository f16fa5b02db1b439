-- Quartz.NET 4's clustered ADO job store (quartz.jobStore.tablePrefix = "quartz.qrtz_"). Table and column names are
-- the ones Quartz issues in its statements; types are what its PostgreSQL delegate reads and writes (instants as
-- .NET ticks in bigint, flags as boolean, job data as bytea). Every row carries sched_name, the scheduler's name
-- (the Orleans service id), so two services could share the schema. Kept in a schema of its own, apart from the
-- Orleans and read-model tables. A Quartz upgrade that adds columns gets a new script here, never an edit.
CREATE SCHEMA IF NOT EXISTS quartz;

CREATE TABLE IF NOT EXISTS quartz.qrtz_job_details
(
    sched_name        text    NOT NULL,
    job_name          text    NOT NULL,
    job_group         text    NOT NULL,
    description       text,
    job_class_name    text    NOT NULL,
    is_durable        boolean NOT NULL,
    is_nonconcurrent  boolean NOT NULL,
    is_update_data    boolean NOT NULL,
    requests_recovery boolean NOT NULL,
    job_data          bytea,
    PRIMARY KEY (sched_name, job_name, job_group)
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_triggers
(
    sched_name              text     NOT NULL,
    trigger_name            text     NOT NULL,
    trigger_group           text     NOT NULL,
    job_name                text     NOT NULL,
    job_group               text     NOT NULL,
    description             text,
    next_fire_time          bigint,
    prev_fire_time          bigint,
    priority                integer,
    trigger_state           text     NOT NULL,
    trigger_type            text     NOT NULL,
    start_time              bigint   NOT NULL,
    end_time                bigint,
    calendar_name           text,
    misfire_instr           smallint,
    misfire_orig_fire_time  bigint,
    misfire_threshold       bigint,
    execution_group         text,
    preferred_node          text,
    preferred_node_auto     boolean  NOT NULL DEFAULT false,
    retry_policy            text,
    retry_attempt           integer,
    continues_trigger_name  text,
    continues_trigger_group text,
    continuation_condition  integer,
    overlap_policy          integer,
    fixed_delay             boolean,
    pause_reason            text,
    paused_by               text,
    paused_at               bigint,
    job_data                bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES quartz.qrtz_job_details (sched_name, job_name, job_group)
);

-- One detail table per kind of trigger, each deleted with its trigger.
CREATE TABLE IF NOT EXISTS quartz.qrtz_simple_triggers
(
    sched_name      text   NOT NULL,
    trigger_name    text   NOT NULL,
    trigger_group   text   NOT NULL,
    repeat_count    bigint NOT NULL,
    repeat_interval bigint NOT NULL,
    times_triggered bigint NOT NULL,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES quartz.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_cron_triggers
(
    sched_name      text NOT NULL,
    trigger_name    text NOT NULL,
    trigger_group   text NOT NULL,
    cron_expression text NOT NULL,
    time_zone_id    text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES quartz.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

-- Calendar-interval, daily-time-interval and similar triggers keep their settings in these generic columns.
CREATE TABLE IF NOT EXISTS quartz.qrtz_simprop_triggers
(
    sched_name    text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    str_prop_1    text,
    str_prop_2    text,
    str_prop_3    text,
    int_prop_1    integer,
    int_prop_2    integer,
    long_prop_1   bigint,
    long_prop_2   bigint,
    dec_prop_1    numeric,
    dec_prop_2    numeric,
    bool_prop_1   boolean,
    bool_prop_2   boolean,
    time_zone_id  text,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES quartz.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_blob_triggers
(
    sched_name    text NOT NULL,
    trigger_name  text NOT NULL,
    trigger_group text NOT NULL,
    blob_data     bytea,
    PRIMARY KEY (sched_name, trigger_name, trigger_group),
    FOREIGN KEY (sched_name, trigger_name, trigger_group)
        REFERENCES quartz.qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_calendars
(
    sched_name    text  NOT NULL,
    calendar_name text  NOT NULL,
    calendar      bytea NOT NULL,
    PRIMARY KEY (sched_name, calendar_name)
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_paused_trigger_grps
(
    sched_name    text NOT NULL,
    trigger_group text NOT NULL,
    pause_reason  text,
    paused_by     text,
    paused_at     bigint,
    PRIMARY KEY (sched_name, trigger_group)
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_paused_job_grps
(
    sched_name   text NOT NULL,
    job_group    text NOT NULL,
    pause_reason text,
    paused_by    text,
    paused_at    bigint,
    PRIMARY KEY (sched_name, job_group)
);

-- Triggers a node has acquired or is running: how the cluster keeps one occurrence on one node, and how a
-- surviving node recovers the runs of a node that stopped checking in.
CREATE TABLE IF NOT EXISTS quartz.qrtz_fired_triggers
(
    sched_name               text    NOT NULL,
    entry_id                 text    NOT NULL,
    trigger_name             text    NOT NULL,
    trigger_group            text    NOT NULL,
    instance_name            text    NOT NULL,
    fired_time               bigint  NOT NULL,
    sched_time               bigint  NOT NULL,
    priority                 integer NOT NULL,
    state                    text    NOT NULL,
    job_name                 text,
    job_group                text,
    is_nonconcurrent         boolean NOT NULL,
    requests_recovery        boolean,
    execution_group          text,
    progress                 integer,
    progress_message         text,
    interrupt_requested_time bigint,
    PRIMARY KEY (sched_name, entry_id)
);

-- Cluster check-ins, one row per scheduler instance (one per silo).
CREATE TABLE IF NOT EXISTS quartz.qrtz_scheduler_state
(
    sched_name        text   NOT NULL,
    instance_name     text   NOT NULL,
    last_checkin_time bigint NOT NULL,
    checkin_interval  bigint NOT NULL,
    quartz_version    text,
    PRIMARY KEY (sched_name, instance_name)
);

-- Rows locked with SELECT ... FOR UPDATE, so one node at a time acquires triggers or recovers a failed node.
CREATE TABLE IF NOT EXISTS quartz.qrtz_locks
(
    sched_name text NOT NULL,
    lock_name  text NOT NULL,
    PRIMARY KEY (sched_name, lock_name)
);

-- Run history and per-job status, written when Quartz's execution history is switched on.
CREATE TABLE IF NOT EXISTS quartz.qrtz_execution_history
(
    sched_name          text    NOT NULL,
    entry_id            text    NOT NULL,
    instance_name       text    NOT NULL,
    job_name            text    NOT NULL,
    job_group           text    NOT NULL,
    trigger_name        text    NOT NULL,
    trigger_group       text    NOT NULL,
    fired_time          bigint  NOT NULL,
    run_time            bigint  NOT NULL,
    succeeded           boolean NOT NULL,
    error_message       text,
    retry_attempt       integer NOT NULL DEFAULT 0,
    retry_scheduled     boolean NOT NULL DEFAULT false,
    execution_log       text,
    result              integer,
    summary             text,
    metrics             text,
    manual              boolean,
    fire_instance_id    text,
    job_input           text,
    job_input_too_large boolean,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_misfire_history
(
    sched_name    text   NOT NULL,
    entry_id      text   NOT NULL,
    instance_name text   NOT NULL,
    trigger_name  text   NOT NULL,
    trigger_group text   NOT NULL,
    job_name      text,
    job_group     text,
    misfire_time  bigint NOT NULL,
    sched_time    bigint,
    reason        integer,
    PRIMARY KEY (sched_name, entry_id)
);

CREATE TABLE IF NOT EXISTS quartz.qrtz_job_status
(
    sched_name           text    NOT NULL,
    job_group            text    NOT NULL,
    job_name             text    NOT NULL,
    first_fired_time     bigint  NOT NULL,
    last_fired_time      bigint  NOT NULL,
    last_result          integer NOT NULL,
    last_run_time        bigint  NOT NULL,
    last_instance_name   text    NOT NULL,
    last_entry_id        text,
    last_summary         text,
    last_success_time    bigint,
    last_failure_time    bigint,
    last_failure_message text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    run_count            bigint  NOT NULL DEFAULT 0,
    failure_count        bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (sched_name, job_group, job_name)
);

-- Acquisition: the next waiting triggers by fire time, most urgent first.
CREATE INDEX IF NOT EXISTS ix_qrtz_triggers_due
    ON quartz.qrtz_triggers (sched_name, trigger_state, next_fire_time, priority DESC, misfire_instr);
CREATE INDEX IF NOT EXISTS ix_qrtz_triggers_job ON quartz.qrtz_triggers (sched_name, job_name, job_group);
-- Listings page through groups in name order.
CREATE INDEX IF NOT EXISTS ix_qrtz_triggers_group ON quartz.qrtz_triggers (sched_name, trigger_group, trigger_name);
CREATE INDEX IF NOT EXISTS ix_qrtz_triggers_calendar ON quartz.qrtz_triggers (sched_name, calendar_name);
CREATE INDEX IF NOT EXISTS ix_qrtz_job_details_group ON quartz.qrtz_job_details (sched_name, job_group, job_name);
-- Recovery of a failed node, and the "is this non-concurrent job running" checks.
CREATE INDEX IF NOT EXISTS ix_qrtz_fired_instance ON quartz.qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
CREATE INDEX IF NOT EXISTS ix_qrtz_fired_job ON quartz.qrtz_fired_triggers (sched_name, job_name, job_group);
CREATE INDEX IF NOT EXISTS ix_qrtz_fired_trigger ON quartz.qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
-- History queries by time, node, job, trigger and fire instance; misfires by time and node.
CREATE INDEX IF NOT EXISTS ix_qrtz_history_time ON quartz.qrtz_execution_history (sched_name, fired_time);
CREATE INDEX IF NOT EXISTS ix_qrtz_history_instance ON quartz.qrtz_execution_history (sched_name, instance_name);
CREATE INDEX IF NOT EXISTS ix_qrtz_history_job ON quartz.qrtz_execution_history (sched_name, job_group, job_name, fired_time);
CREATE INDEX IF NOT EXISTS ix_qrtz_history_trigger ON quartz.qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time);
CREATE INDEX IF NOT EXISTS ix_qrtz_history_fire ON quartz.qrtz_execution_history (sched_name, fire_instance_id);
CREATE INDEX IF NOT EXISTS ix_qrtz_misfires_time ON quartz.qrtz_misfire_history (sched_name, misfire_time);
CREATE INDEX IF NOT EXISTS ix_qrtz_misfires_instance ON quartz.qrtz_misfire_history (sched_name, instance_name);
