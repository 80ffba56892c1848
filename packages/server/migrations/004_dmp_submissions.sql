-- Issue 11. The durable DMP / MSSanté submission: one row per (document, version, channel),
-- written in the same transaction as the version's `submitted` state and its pg-boss job
-- (the job itself lives in pg-boss's own schema). Every state change appends a
-- submission_events row in the same transaction: the change feed (GET /events) reads it.
-- The unused queue table of version 1 goes: nothing ever read it.
DROP TABLE submission_queue;

CREATE TABLE dmp_submissions (
  id uuid PRIMARY KEY,
  seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  document_id uuid NOT NULL REFERENCES documents (id),
  version_number integer NOT NULL,
  structure_id text NOT NULL,
  patient_id uuid NOT NULL REFERENCES patients (id),
  set_id text NOT NULL,
  -- 'dmp' or 'mss:<address>' (one row per MSSanté recipient)
  channel text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'sending', 'retrying', 'accepted', 'refused', 'parked')),
  -- why the row is in its state when not obvious: 'dmp-not-configured', 'waiting-for-dmp', …
  state_detail text,
  visibility text[] NOT NULL,
  -- kept across retries so that a re-send after a lost answer is the same entry (spec §8)
  entry_uuid text NOT NULL,
  submission_set_id text NOT NULL,
  job_id text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  -- what the DMP answered (accepted): its entry, logical id, metadata version and status
  dmp_entry_uuid text,
  dmp_logical_id text,
  dmp_metadata_version integer,
  dmp_status text,
  reason_code text,
  reason_fr text,
  reason_en text,
  reason_field text,
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (document_id, version_number, channel)
);
CREATE INDEX dmp_submissions_state ON dmp_submissions (state);
CREATE INDEX dmp_submissions_set ON dmp_submissions (set_id, version_number);

CREATE TABLE submission_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  structure_id text NOT NULL,
  submission_id uuid NOT NULL REFERENCES dmp_submissions (id),
  document_id uuid NOT NULL,
  version_number integer NOT NULL,
  channel text NOT NULL,
  state text NOT NULL,
  -- 'state' (a state change) or an action ('visibility', 'archive', …); no health data
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX submission_events_structure ON submission_events (structure_id, seq);
