-- Every long task of every module is a row here; Hangfire runs it, this table is what users see.
create table platform.jobs (
    id               uuid primary key,
    module           text not null,
    kind             text not null,
    owner_id         text null,
    input            jsonb not null default '{}'::jsonb,
    queue            text not null default 'default',
    status           text not null default 'queued'
                     check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    stage            text null,
    percent          double precision not null default 0 check (percent between 0 and 100),
    eta_seconds      integer null,
    error_code       text null,
    error_message    text null,
    result           jsonb null,
    hangfire_job_id  text null,
    attempts         integer not null default 0,
    cancel_requested boolean not null default false,
    created_at       timestamptz not null default now(),
    started_at       timestamptz null,
    finished_at      timestamptz null,
    updated_at       timestamptz not null default now()
);

create index jobs_created_idx on platform.jobs (created_at desc, id);
create index jobs_module_status_idx on platform.jobs (module, status, created_at desc);
create index jobs_owner_idx on platform.jobs (owner_id, created_at desc);

create table platform.job_logs (
    id      bigint generated always as identity primary key,
    job_id  uuid not null references platform.jobs (id) on delete cascade,
    at      timestamptz not null default now(),
    level   text not null check (level in ('debug', 'info', 'warning', 'error')),
    message text not null
);

create index job_logs_job_idx on platform.job_logs (job_id, id);

-- Every change of a job row is announced, so any instance can stream any job's progress live
-- (LISTEN gilgamesh_job_events). Payloads stay far below NOTIFY's 8000-byte limit.
create function platform.notify_job_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('gilgamesh_job_events', json_build_object(
        'type', 'progress',
        'job', json_build_object(
            'id', new.id, 'module', new.module, 'kind', new.kind, 'ownerId', new.owner_id,
            'status', new.status, 'stage', left(new.stage, 200), 'percent', new.percent,
            'etaSeconds', new.eta_seconds, 'errorCode', new.error_code,
            'errorMessage', left(new.error_message, 2000), 'attempts', new.attempts,
            'updatedAt', new.updated_at))::text);
    return new;
end $$;

create trigger jobs_notify after insert or update on platform.jobs
    for each row execute function platform.notify_job_change();

create function platform.notify_job_log() returns trigger language plpgsql as $$
begin
    perform pg_notify('gilgamesh_job_events', json_build_object(
        'type', 'log', 'jobId', new.job_id,
        'log', json_build_object('at', new.at, 'level', new.level, 'message', left(new.message, 2000)))::text);
    return new;
end $$;

create trigger job_logs_notify after insert on platform.job_logs
    for each row execute function platform.notify_job_log();
