-- The probe test module's own table, in its own schema.
create table probe.renders (
    job_id           uuid primary key,
    output_key       text not null,
    sha256           text not null,
    size_bytes       bigint not null,
    duration_seconds double precision not null,
    created_at       timestamptz not null default now()
);
