-- Live progress of the file being encoded (0–1), its encode speed in frames per second and the seconds left,
-- written a few times a second by the running job so the dashboard's queue reads them from the catalog
-- (any instance, no job lookup). Null when the file is not being encoded.
alter table encode.files
    add column progress     double precision,
    add column fps          double precision,
    add column eta_seconds  double precision,
    -- The original's size when it was encoded: size_bytes follows the file on disk, which after a replace is the output.
    add column source_bytes bigint;
