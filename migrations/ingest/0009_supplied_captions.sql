-- Captions a person supplies with an upload have no source URL.
alter table ingest.media_captions alter column source_url drop not null;
