-- The idempotency cache of URL processing: one successful result per owner, normalised URL and result-affecting
-- options (the key is their SHA-256, hex). Results hold media ids; signed URLs are minted again on every answer.
create table ingest.link_cache (
    key         text primary key,
    owner_id    uuid not null,
    url         text not null,
    result      jsonb not null,
    hits        bigint not null default 0,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);

create index link_cache_expires on ingest.link_cache (expires_at);
create index link_cache_owner on ingest.link_cache (owner_id);
