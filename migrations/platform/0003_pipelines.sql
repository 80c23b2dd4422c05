-- Pipelines: a parent job with steps (ordinary jobs) and dependency edges between them; readable titles.
alter table platform.jobs
    add column title         text null,
    add column subject_href  text null,
    add column parent_id     uuid null references platform.jobs (id) on delete cascade,
    add column step_name     text null,
    add column is_pipeline   boolean not null default false,
    add column optional      boolean not null default false,
    add column weight        double precision not null default 1 check (weight > 0),
    -- Dependencies not yet settled; a step is released (pending → queued) by the transaction that brings it to 0.
    add column pending_deps  integer not null default 0 check (pending_deps >= 0),
    -- Fan-out steps of one group run at most fan_limit at once.
    add column fan_group     text null,
    add column fan_limit     integer null,
    -- The instance running the job (platform.instances); crash recovery requeues jobs of dead instances.
    add column instance_id   text null;

alter table platform.jobs drop constraint jobs_status_check;
alter table platform.jobs add constraint jobs_status_check
    check (status in ('pending', 'queued', 'running', 'succeeded', 'failed', 'cancelled'));

create unique index jobs_step_name_idx on platform.jobs (parent_id, step_name) where parent_id is not null;
create index jobs_running_instance_idx on platform.jobs (instance_id) where status = 'running';
create index jobs_top_level_idx on platform.jobs (created_at desc, id) where parent_id is null;

-- Each edge is settled once (its source succeeded, or failed while optional): the guard that makes fan-in exactly once.
create table platform.job_edges (
    from_job uuid not null references platform.jobs (id) on delete cascade,
    to_job   uuid not null references platform.jobs (id) on delete cascade,
    settled  boolean not null default false,
    primary key (from_job, to_job)
);
create index job_edges_to_idx on platform.job_edges (to_job);

create or replace function platform.notify_job_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('gilgamesh_job_events', json_build_object(
        'type', 'progress',
        'job', json_build_object(
            'id', new.id, 'module', new.module, 'kind', new.kind, 'ownerId', new.owner_id,
            'status', new.status, 'stage', left(new.stage, 200), 'percent', new.percent,
            'etaSeconds', new.eta_seconds, 'errorCode', new.error_code,
            'errorMessage', left(new.error_message, 2000), 'attempts', new.attempts,
            'updatedAt', new.updated_at, 'title', left(new.title, 200), 'parentId', new.parent_id,
            'stepName', left(new.step_name, 100), 'startedAt', new.started_at, 'finishedAt', new.finished_at))::text);
    return new;
end $$;

create or replace function platform.notify_job_log() returns trigger language plpgsql as $$
declare parent uuid;
begin
    select parent_id into parent from platform.jobs where id = new.job_id;
    perform pg_notify('gilgamesh_job_events', json_build_object(
        'type', 'log', 'jobId', new.job_id, 'parentId', parent,
        'log', json_build_object('at', new.at, 'level', new.level, 'message', left(new.message, 2000)))::text);
    return new;
end $$;
