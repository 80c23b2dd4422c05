-- The run became a pipeline of steps (stage 1 in parallel, content as the fan-in, a render per clip). The layout
-- step records the original's facts the renders and the timeline exports need (size, frame rate as a fraction,
-- duration, audio), so neither probes the original again.
alter table highlights.jobs add column source jsonb;

-- When a clip's in/out was last moved by a person (null: as selected).
alter table highlights.clips add column edited_at timestamptz;
