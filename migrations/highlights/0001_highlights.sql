-- The highlights module: a lecture becomes chapters and ranked, explainable clips. One row in jobs per
-- request; every other table hangs off it and is rewritten whole by the step that owns it (idempotent
-- retries: delete the job's rows, insert the new ones, in one transaction).
create table highlights.jobs (
    id                uuid primary key,
    owner_id          uuid not null,
    media_id          uuid not null,
    kernel_job_id     uuid,
    status            text not null check (status in ('queued', 'running', 'succeeded', 'failed')),
    options           jsonb not null,
    transcript_source text,
    analyzer          text,
    error_code        text,
    error_message     text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index jobs_owner_created on highlights.jobs (owner_id, created_at desc);

-- Sentences of the transcript (from the speech engine, supplied captions, or the slides' text).
create table highlights.transcript_segments (
    job_id     uuid not null references highlights.jobs (id) on delete cascade,
    seq        integer not null,
    start_s    double precision not null,
    end_s      double precision not null,
    text       text not null,
    source     text not null,
    primary key (job_id, seq)
);

create table highlights.transcript_words (
    job_id        uuid not null references highlights.jobs (id) on delete cascade,
    segment_index integer not null,
    word_index    integer not null,
    start_s       double precision not null,
    end_s         double precision not null,
    text          text not null,
    approximate   boolean not null,
    primary key (job_id, segment_index, word_index)
);

create table highlights.silence_regions (
    job_id  uuid not null references highlights.jobs (id) on delete cascade,
    seq     integer not null,
    start_s double precision not null,
    end_s   double precision not null,
    mean_db double precision not null,
    primary key (job_id, seq)
);

-- Slide and camera regions over time, as the layout engine reported them.
create table highlights.layouts (
    job_id   uuid primary key references highlights.jobs (id) on delete cascade,
    layout   text not null,
    segments jsonb not null
);

-- Chapters and candidate clips with their features, score and reasons.
create table highlights.content_segments (
    job_id        uuid not null references highlights.jobs (id) on delete cascade,
    kind          text not null check (kind in ('chapter', 'candidate')),
    seq           integer not null,
    start_s       double precision not null,
    end_s         double precision not null,
    title         text,
    chapter_index integer,
    score         double precision,
    features      jsonb,
    reasons       jsonb,
    primary key (job_id, kind, seq)
);

-- The chosen clips; rank 1 is the best. Unique per job and rank so a retried step never duplicates one.
create table highlights.clips (
    id            uuid primary key,
    job_id        uuid not null references highlights.jobs (id) on delete cascade,
    rank          integer not null,
    start_s       double precision not null,
    end_s         double precision not null,
    score         double precision not null,
    reasons       jsonb not null,
    title         text not null,
    chapter_index integer not null,
    status        text not null default 'selected' check (status in ('selected', 'rendering', 'rendered', 'failed')),
    video_key     text,
    thumbnail_key text,
    subtitles_key text,
    revision      integer not null default 1,
    unique (job_id, rank)
);

create table highlights.processing_log (
    id      bigserial primary key,
    job_id  uuid not null references highlights.jobs (id) on delete cascade,
    step    text not null,
    level   text not null check (level in ('info', 'warning', 'error')),
    message text not null,
    at      timestamptz not null default now()
);
create index processing_log_job on highlights.processing_log (job_id, id);
