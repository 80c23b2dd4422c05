-- Analyses of a media item (scenes with keyframes, OCR of the keyframes; transcript later), one row per kind.
-- The result is the engine's answer as JSON; keyframe images live in storage under ingest/<owner>/<media>/keyframes/.
create table ingest.media_analyses (
    media_id    uuid not null references ingest.media_items (id) on delete cascade,
    kind        text not null check (kind in ('scenes', 'ocr', 'transcript')),
    result      jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (media_id, kind)
);
