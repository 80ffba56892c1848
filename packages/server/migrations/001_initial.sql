-- dcc-kit server schema, version 1. Applied by migrate() in src/store/driver.ts inside one transaction,
-- recorded in dcc_migrations. Same file for PGlite and PostgreSQL.

CREATE TABLE patients (
  id uuid PRIMARY KEY,
  seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  structure_id text NOT NULL,
  ins_value text NOT NULL,
  ins_oid text NOT NULL,
  identity_status text NOT NULL CHECK (identity_status IN ('provisional', 'recovered', 'validated', 'qualified')),
  -- traits and used name: health data, only ever returned to the structure's professionals
  data jsonb NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (structure_id, ins_oid, ins_value)
);

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  seq integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  patient_id uuid NOT NULL REFERENCES patients (id),
  structure_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('pps', 'frcp')),
  set_id text NOT NULL,
  current_version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'validated', 'signed', 'submitted')),
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX documents_patient ON documents (patient_id);

CREATE TABLE document_versions (
  document_id uuid NOT NULL REFERENCES documents (id),
  number integer NOT NULL,
  model jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'validated', 'signed', 'submitted')),
  validation jsonb,
  cda text,
  signed_at timestamptz,
  signed_by text,
  submitted_at timestamptz,
  PRIMARY KEY (document_id, number)
);

-- A version's content never changes: the model is written once; the CDA may be replaced
-- while the version is not signed (validation builds one, signature the final one), never after.
CREATE FUNCTION document_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.model IS DISTINCT FROM OLD.model OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'document version % of % is immutable', OLD.number, OLD.document_id;
  END IF;
  IF OLD.signed_at IS NOT NULL AND (NEW.cda IS DISTINCT FROM OLD.cda OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
     OR NEW.signed_by IS DISTINCT FROM OLD.signed_by) THEN
    RAISE EXCEPTION 'signed document version % of % is immutable', OLD.number, OLD.document_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER document_versions_immutable BEFORE UPDATE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION document_versions_immutable();
CREATE FUNCTION document_versions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'document versions are never deleted';
END $$;
CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION document_versions_no_delete();

-- Server-side sessions (BFF) and login pre-sessions; the id is the SHA-256 of the cookie
-- value, the payload (tokens, professional, draft key) is AES-256-GCM encrypted.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('login', 'session')),
  payload bytea NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE idempotency_keys (
  actor text NOT NULL,
  key text NOT NULL,
  route text NOT NULL,
  body_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (actor, key)
);

-- Who did what to which resource; never health data.
CREATE TABLE audit_events (
  seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  version integer,
  request_id text NOT NULL,
  structure_id text NOT NULL,
  patient_id uuid,
  document_id uuid
);
CREATE INDEX audit_document ON audit_events (document_id);
CREATE INDEX audit_patient ON audit_events (patient_id);

CREATE TABLE submission_queue (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents (id),
  version_number integer NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (document_id, version_number)
);
