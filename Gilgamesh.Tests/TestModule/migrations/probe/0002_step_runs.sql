-- Side-effect counters of the probe pipeline steps: how often each step's work ran, and the fan-in's side effect.
create table probe.step_runs (
    job_id      uuid primary key,
    pipeline_id uuid null,
    step_name   text null,
    runs        integer not null default 0,
    lease_from  timestamptz null,
    lease_to    timestamptz null,
    on_cpu      boolean not null default false
);

create table probe.fan_in (
    pipeline_id uuid primary key,
    runs        integer not null default 0,
    total       integer not null
);
