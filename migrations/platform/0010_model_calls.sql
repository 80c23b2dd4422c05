-- The model client (Kernel/Models): one row per request to the language model endpoint, repairs included.
-- Prompts and answers are not stored (they go, truncated, to the job log); the key never is.
create table platform.model_calls (
    id                uuid primary key,
    started_at        timestamptz not null,
    model             text not null,
    purpose           text not null,
    job_id            uuid null,
    latency_ms        integer not null,
    prompt_tokens     bigint null,
    completion_tokens bigint null,
    outcome           text not null check (outcome in ('success', 'invalid_answer', 'timeout', 'circuit_open', 'rate_limited', 'failed')),
    error             text null
);
create index model_calls_started_idx on platform.model_calls (started_at desc);
create index model_calls_job_idx on platform.model_calls (job_id) where job_id is not null;
