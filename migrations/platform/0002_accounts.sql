-- Accounts: people, their API keys, sign-in throttling and an audit trail of security events.
create table platform.users (
    id              uuid primary key,
    user_name       text not null,
    email           text null,
    password_hash   text not null,
    role            text not null check (role in ('admin', 'editor', 'viewer')),
    disabled        boolean not null default false,
    must_change_password boolean not null default false,
    created_at      timestamptz not null default now(),
    last_sign_in_at timestamptz null
);
create unique index users_user_name_idx on platform.users (lower(user_name));

-- Keys are random 256-bit secrets: a SHA-256 of the key is enough to store (no slow hash needed),
-- and the visible prefix finds the row without scanning.
create table platform.api_keys (
    id          uuid primary key,
    user_id     uuid not null references platform.users (id) on delete cascade,
    name        text not null,
    prefix      text not null unique,
    key_hash    text not null,
    role        text not null check (role in ('admin', 'editor', 'viewer')),
    created_at  timestamptz not null default now(),
    expires_at  timestamptz null,
    revoked_at  timestamptz null,
    last_used_at timestamptz null
);
create index api_keys_user_idx on platform.api_keys (user_id);

-- Failed sign-ins per user name (known or not, so lockout tells nothing about which names exist).
create table platform.sign_in_attempts (
    user_name    text primary key,
    failures     integer not null default 0,
    locked_until timestamptz null,
    last_failure_at timestamptz not null default now()
);

create table platform.audit_events (
    id         bigint generated always as identity primary key,
    at         timestamptz not null default now(),
    kind       text not null,
    user_id    uuid null,
    actor_id   uuid null,
    ip         text null,
    detail     jsonb not null default '{}'::jsonb
);
create index audit_events_at_idx on platform.audit_events (at desc);
