-- Quality targeting: the CRF/CQ chosen for a file (by fingerprint) under a profile version with a target SSIM, the SSIM
-- its sample measured, whether the target was met (best effort otherwise) and every value tried, so a file is searched once.
create table encode.quality_searches (
    fingerprint      text not null,
    profile_version  text not null,
    quality          integer not null,
    ssim             double precision not null,
    met              boolean not null,
    probes           jsonb not null,
    recorded_at      timestamptz not null default now(),
    primary key (fingerprint, profile_version)
);
