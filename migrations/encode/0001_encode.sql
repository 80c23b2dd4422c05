-- Watched libraries: folders (under Encode:Roots), patterns, the profile they are brought to, and what
-- happens on success. profile_version is a hash of the profile's JSON: outcomes are remembered per version.
create table encode.libraries (
    id               uuid primary key,
    name             text not null unique,
    folders          text[] not null,
    include          text[] not null default '{}',
    exclude          text[] not null default '{}',
    profile          jsonb not null,
    profile_version  text not null,
    action           text not null check (action in ('replace-and-archive', 'keep-both', 'write-elsewhere')),
    archive_folder   text,
    output_folder    text,
    window_start     text, -- HH:mm, local time of the server
    window_end       text,
    paused           boolean not null default false,
    created_at       timestamptz not null default now()
);

-- The catalog: one row per file seen in a library. seen_* and stable_since implement the stability check
-- (a file is taken once size and mtime have not changed for Encode:StableSeconds).
create table encode.files (
    id               uuid primary key,
    library_id       uuid not null references encode.libraries (id) on delete cascade,
    path             text not null,
    size_bytes       bigint not null,
    mtime            timestamptz not null,
    stable_since     timestamptz not null,
    fingerprint      text,
    status           text not null check (status in ('new', 'compliant', 'planned', 'queued', 'encoding', 'verifying',
                                                     'done', 'failed', 'corrupt', 'skipped', 'kept-original')),
    reasons          text[] not null default '{}',
    probe            jsonb,
    attempts         integer not null default 0,
    forecast_bytes   bigint,
    forecast_seconds double precision,
    actual_bytes     bigint,
    actual_seconds   double precision,
    chosen_encoder   text,
    ssim             double precision,
    updated_at       timestamptz not null default now(),
    unique (library_id, path)
);
create index files_library_status on encode.files (library_id, status);

-- Loop-proofing: what happened to these bytes under this profile version, wherever they are now.
create table encode.outcomes (
    fingerprint      text not null,
    profile_version  text not null,
    outcome          text not null check (outcome in ('done', 'kept-original', 'failed', 'poisoned')),
    detail           text not null default '',
    recorded_at      timestamptz not null default now(),
    primary key (fingerprint, profile_version)
);

-- Bytes this module wrote (outputs) or kept (archives): never queued, whatever folder they end up in.
create table encode.known_files (
    fingerprint      text primary key,
    kind             text not null check (kind in ('output', 'archive')),
    recorded_at      timestamptz not null default now()
);

-- The journal of a replace: one row per file being replaced, advanced step by step; rows not 'done' or
-- 'rolled-back' at start are rolled forward or back.
create table encode.journal (
    id               uuid primary key,
    file_id          uuid not null references encode.files (id) on delete cascade,
    original_path    text not null,
    output_path      text not null,
    target_path      text not null,
    archive_path     text,
    step             text not null check (step in ('started', 'output-hashed', 'archived', 'replaced', 'done', 'rolled-back')),
    original_sha256  text,
    output_sha256    text,
    updated_at       timestamptz not null default now()
);
create index journal_open on encode.journal (step) where step not in ('done', 'rolled-back');

-- Global queue control (one row).
create table encode.control (
    id      integer primary key check (id = 1),
    paused  boolean not null default false
);
insert into encode.control (id, paused) values (1, false);
