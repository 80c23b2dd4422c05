-- Instance identity and heartbeat (crash recovery), and shared budgets held as expiring leases.
create table platform.instances (
    id           text primary key,
    host         text not null,
    pid          integer not null,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null default now()
);

create table platform.budgets (
    name     text primary key,
    capacity integer not null check (capacity >= 0)
);

-- A lease lives while its instance renews it (each heartbeat); a dead instance's leases expire by themselves.
create table platform.budget_leases (
    id          uuid primary key,
    budget      text not null references platform.budgets (name) on delete cascade,
    job_id      uuid null,
    instance_id text not null,
    acquired_at timestamptz not null default now(),
    expires_at  timestamptz not null
);
create index budget_leases_budget_idx on platform.budget_leases (budget, expires_at);
create index budget_leases_instance_idx on platform.budget_leases (instance_id);
