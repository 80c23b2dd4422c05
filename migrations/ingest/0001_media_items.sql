-- The media library: every file that enters Gilgamesh (upload, URL, watch folder) is one item.
-- The display name is only ever shown, never used as a path; storage keys are generated.
create table ingest.media_items (
    id               uuid primary key,
    owner_id         uuid not null,
    source           text not null check (source in ('upload', 'url', 'watch')),
    source_url       text,
    display_name     text not null,
    status           text not null check (status in ('receiving', 'probing', 'ready', 'rejected')),
    rejected_code    text,
    rejected_reason  text,
    storage_key      text,
    content_type     text,
    size_bytes       bigint,
    sha256           text,
    kind             text check (kind in ('video', 'audio', 'image')),
    duration_seconds double precision,
    width            integer,
    height           integer,
    video_codec      text,
    audio_codec      text,
    format_name      text,
    previews         jsonb not null default '{}'::jsonb,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- One item per owner and content: the same bytes uploaded twice are the same item.
create unique index media_items_owner_sha256 on ingest.media_items (owner_id, sha256)
    where sha256 is not null and status <> 'rejected';
create index media_items_owner_created on ingest.media_items (owner_id, created_at desc);
