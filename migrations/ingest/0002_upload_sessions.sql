-- Resumable uploads: one row per session; the bytes live in <DataDir>/uploads/<id>/data, never in the database.
-- received lists the chunk indexes that arrived whole; chunk_writes counts every accepted chunk write, so a
-- client (and the tests) can see that a resume did not send finished chunks again.
create table ingest.upload_sessions (
    id            uuid primary key,
    owner_id      uuid not null,
    display_name  text not null,
    size_bytes    bigint not null check (size_bytes > 0),
    chunk_size    bigint not null check (chunk_size > 0),
    chunk_count   integer not null check (chunk_count > 0),
    sha256        text,
    received      integer[] not null default '{}',
    chunk_writes  integer not null default 0,
    status        text not null check (status in ('open', 'completing', 'completed')),
    media_id      uuid,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    expires_at    timestamptz not null
);

create index upload_sessions_expires on ingest.upload_sessions (expires_at);
