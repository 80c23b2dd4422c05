-- Deliberately broken migration fixture: a foreign key into the kernel's schema (platform.users is named
-- in this comment too, which the rule must ignore).
create table alpha.reports (
    id uuid primary key,
    owner_id uuid not null references platform.users (id)
);
