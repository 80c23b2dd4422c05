-- Caption files a platform offered for a media item (fetched with the item by URL processing). The transcript is
-- made from them by the captions importer (Analysis/Speech), not here.
create table ingest.media_captions (
    media_id     uuid not null references ingest.media_items (id) on delete cascade,
    language     text not null,
    format       text not null check (format in ('vtt', 'srt')),
    automatic    boolean not null,
    storage_key  text not null,
    source_url   text not null,
    created_at   timestamptz not null default now(),
    primary key (media_id, language)
);
