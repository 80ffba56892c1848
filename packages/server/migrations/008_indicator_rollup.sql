-- Issue 14. The regional indicators (GET /indicators) read rollups kept in the write
-- transactions, so the report reads a few rows per (month, group) instead of building one row
-- per event of the period (about 193,000 for 12 months of a 100,000-version history).
--
-- The figures are exactly those of the event query this replaces (migration 006's columns):
-- an event is a document's creation (documents.created_at), a version saved (created_at,
-- created_by), validated (validated_at, validated_by), signed (signed_at, signed_by), a DMP
-- submission made (dmp_submissions.created_at, requested_by; channel 'dmp' only), accepted
-- (accepted_at) or refused (refused_at). Its month is the French calendar month. A document
-- counts once per month and kind, under its current facts (structure, FINESS, 3C, volet,
-- channel); the professionals are the distinct non-null actors of the events.
--
-- Two levels, both reference counted so that updates and deletes stay exact:
--   indicator_document_months              per (document, month): how many events of each kind
--   indicator_document_month_professionals per (document, month, professional): how many events
--   indicator_groups                       per (month, structure, FINESS, 3C, volet, channel): how
--                                          many documents had any event / each kind (count > 0)
--   indicator_group_professionals          per (group, professional): how many documents of the
--                                          group had that professional that month. Distinct
--                                          professionals cannot be summed across groups: the
--                                          report counts DISTINCT over these rows.
--   indicator_labels                       per structure, the FINESS and 3C its documents name,
--                                          with their names (the report's filter labels)
-- A group row exists while one of its documents has an event that month; a document's facts
-- changing (a later version names another custodian or 3C) moves its months to the new group.
-- The views indicator_*_recomputed compute the same rows from the source tables: the backfill
-- below, and the tests comparing the kept rollup with them.
-- Same file for PGlite and PostgreSQL (NULLS NOT DISTINCT: PostgreSQL 15 or later).

CREATE FUNCTION dcc_indicator_month(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', at AT TIME ZONE 'Europe/Paris')::date
$$;

-- The counted events of one source row (kind, moment, professional); a NULL moment is no event.
CREATE FUNCTION dcc_version_indicator_events(v document_versions, OUT kind text, OUT at timestamptz, OUT professional text)
RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT * FROM (VALUES ('saved', v.created_at, v.created_by), ('validated', v.validated_at, v.validated_by),
                        ('signed', v.signed_at, v.signed_by)) e (kind, at, professional)
   WHERE e.at IS NOT NULL
$$;
CREATE FUNCTION dcc_submission_indicator_events(s dmp_submissions, OUT kind text, OUT at timestamptz, OUT professional text)
RETURNS SETOF record LANGUAGE sql STABLE AS $$
  SELECT * FROM (VALUES ('submitted', s.created_at, s.requested_by), ('deposited', s.accepted_at, NULL::text),
                        ('refused', s.refused_at, NULL::text)) e (kind, at, professional)
   WHERE s.channel = 'dmp' AND e.at IS NOT NULL
$$;

CREATE VIEW indicator_events AS
  SELECT d.id AS document_id, 'created'::text AS kind, d.created_at AS at, NULL::text AS professional FROM documents d
  UNION ALL
  SELECT v.document_id, e.kind, e.at, e.professional FROM document_versions v, LATERAL dcc_version_indicator_events(v) e
  UNION ALL
  SELECT s.document_id, e.kind, e.at, e.professional FROM dmp_submissions s, LATERAL dcc_submission_indicator_events(s) e;

CREATE TABLE indicator_document_months (
  document_id uuid NOT NULL,
  month date NOT NULL,
  events integer NOT NULL,
  created integer NOT NULL,
  validated integer NOT NULL,
  signed integer NOT NULL,
  deposited integer NOT NULL,
  refused integer NOT NULL,
  PRIMARY KEY (document_id, month)
);
CREATE TABLE indicator_document_month_professionals (
  document_id uuid NOT NULL,
  month date NOT NULL,
  professional text NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (document_id, month, professional)
);
CREATE TABLE indicator_groups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  month date NOT NULL,
  structure_id text NOT NULL,
  finess text,
  center3c text,
  volet text NOT NULL,
  channel text NOT NULL,
  documents integer NOT NULL,
  created integer NOT NULL,
  validated integer NOT NULL,
  signed integer NOT NULL,
  deposited integer NOT NULL,
  refused integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (month, structure_id, finess, center3c, volet, channel)
);
CREATE TABLE indicator_group_professionals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  month date NOT NULL,
  structure_id text NOT NULL,
  finess text,
  center3c text,
  volet text NOT NULL,
  channel text NOT NULL,
  professional text NOT NULL,
  documents integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (month, structure_id, finess, center3c, volet, channel, professional)
);

-- The filters' labels: per structure, every establishment (FINESS) and 3C its documents name,
-- with the names the documents give them and how many documents do (the report shows the
-- greatest name, as the documents' query did).
CREATE TABLE indicator_labels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  structure_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('finess', '3c')),
  key text NOT NULL,
  name text,
  documents integer NOT NULL,
  UNIQUE NULLS NOT DISTINCT (structure_id, kind, key, name)
);
CREATE VIEW indicator_labels_recomputed AS
  SELECT structure_id, 'finess'::text AS kind, finess AS key, establishment_name AS name, count(*)::integer AS documents
    FROM documents WHERE finess IS NOT NULL GROUP BY 1, 2, 3, 4
  UNION ALL
  SELECT structure_id, '3c', center3c, center3c_name, count(*)::integer FROM documents WHERE center3c IS NOT NULL GROUP BY 1, 2, 3, 4;

CREATE FUNCTION dcc_indicator_label_add(l_structure text, l_kind text, l_key text, l_name text, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  row_id bigint;
  left_documents integer;
BEGIN
  IF l_key IS NULL THEN RETURN; END IF;
  INSERT INTO indicator_labels AS l (structure_id, kind, key, name, documents) VALUES (l_structure, l_kind, l_key, l_name, delta)
  ON CONFLICT (structure_id, kind, key, name) DO UPDATE SET documents = l.documents + EXCLUDED.documents
  RETURNING l.id, l.documents INTO row_id, left_documents;
  IF left_documents = 0 THEN DELETE FROM indicator_labels WHERE id = row_id; END IF;
END $$;

CREATE VIEW indicator_document_months_recomputed AS
  SELECT document_id, dcc_indicator_month(at) AS month, count(*)::integer AS events,
         count(*) FILTER (WHERE kind = 'created')::integer AS created, count(*) FILTER (WHERE kind = 'validated')::integer AS validated,
         count(*) FILTER (WHERE kind = 'signed')::integer AS signed, count(*) FILTER (WHERE kind = 'deposited')::integer AS deposited,
         count(*) FILTER (WHERE kind = 'refused')::integer AS refused
    FROM indicator_events GROUP BY 1, 2;
CREATE VIEW indicator_document_month_professionals_recomputed AS
  SELECT document_id, dcc_indicator_month(at) AS month, professional, count(*)::integer AS events
    FROM indicator_events WHERE professional IS NOT NULL GROUP BY 1, 2, 3;
CREATE VIEW indicator_groups_recomputed AS
  SELECT m.month, d.structure_id, d.finess, d.center3c, d.type AS volet, d.channel, count(*)::integer AS documents,
         count(*) FILTER (WHERE m.created > 0)::integer AS created, count(*) FILTER (WHERE m.validated > 0)::integer AS validated,
         count(*) FILTER (WHERE m.signed > 0)::integer AS signed, count(*) FILTER (WHERE m.deposited > 0)::integer AS deposited,
         count(*) FILTER (WHERE m.refused > 0)::integer AS refused
    FROM indicator_document_months_recomputed m JOIN documents d ON d.id = m.document_id
   GROUP BY 1, 2, 3, 4, 5, 6;
CREATE VIEW indicator_group_professionals_recomputed AS
  SELECT p.month, d.structure_id, d.finess, d.center3c, d.type AS volet, d.channel, p.professional, count(*)::integer AS documents
    FROM indicator_document_month_professionals_recomputed p JOIN documents d ON d.id = p.document_id
   GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- +1 when a count reaches `delta` from zero, -1 when it falls to zero, else 0.
CREATE FUNCTION dcc_indicator_flip(now_count integer, delta integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN delta > 0 AND now_count = delta THEN 1 WHEN delta < 0 AND now_count = 0 THEN -1 ELSE 0 END
$$;

CREATE FUNCTION dcc_indicator_group_add(g_month date, g_structure text, g_finess text, g_center3c text, g_volet text, g_channel text,
  d_documents integer, d_created integer, d_validated integer, d_signed integer, d_deposited integer, d_refused integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  row_id bigint;
  left_documents integer;
BEGIN
  IF d_documents = 0 AND d_created = 0 AND d_validated = 0 AND d_signed = 0 AND d_deposited = 0 AND d_refused = 0 THEN RETURN; END IF;
  INSERT INTO indicator_groups AS g (month, structure_id, finess, center3c, volet, channel, documents, created, validated, signed, deposited, refused)
  VALUES (g_month, g_structure, g_finess, g_center3c, g_volet, g_channel, d_documents, d_created, d_validated, d_signed, d_deposited, d_refused)
  ON CONFLICT (month, structure_id, finess, center3c, volet, channel) DO UPDATE SET
    documents = g.documents + EXCLUDED.documents, created = g.created + EXCLUDED.created, validated = g.validated + EXCLUDED.validated,
    signed = g.signed + EXCLUDED.signed, deposited = g.deposited + EXCLUDED.deposited, refused = g.refused + EXCLUDED.refused
  RETURNING g.id, g.documents INTO row_id, left_documents;
  IF left_documents = 0 THEN DELETE FROM indicator_groups WHERE id = row_id; END IF;
END $$;

CREATE FUNCTION dcc_indicator_group_professional_add(g_month date, g_structure text, g_finess text, g_center3c text, g_volet text,
  g_channel text, g_professional text, d_documents integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  row_id bigint;
  left_documents integer;
BEGIN
  IF d_documents = 0 THEN RETURN; END IF;
  INSERT INTO indicator_group_professionals AS g (month, structure_id, finess, center3c, volet, channel, professional, documents)
  VALUES (g_month, g_structure, g_finess, g_center3c, g_volet, g_channel, g_professional, d_documents)
  ON CONFLICT (month, structure_id, finess, center3c, volet, channel, professional) DO UPDATE SET documents = g.documents + EXCLUDED.documents
  RETURNING g.id, g.documents INTO row_id, left_documents;
  IF left_documents = 0 THEN DELETE FROM indicator_group_professionals WHERE id = row_id; END IF;
END $$;

-- One event of a document counted (delta +1) or taken back (-1), under the document's group.
CREATE FUNCTION dcc_indicator_count(doc uuid, g_structure text, g_finess text, g_center3c text, g_volet text, g_channel text,
  e_kind text, e_at timestamptz, e_professional text, delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m date := dcc_indicator_month(e_at);
  k_created integer := CASE WHEN e_kind = 'created' THEN delta ELSE 0 END;
  k_validated integer := CASE WHEN e_kind = 'validated' THEN delta ELSE 0 END;
  k_signed integer := CASE WHEN e_kind = 'signed' THEN delta ELSE 0 END;
  k_deposited integer := CASE WHEN e_kind = 'deposited' THEN delta ELSE 0 END;
  k_refused integer := CASE WHEN e_kind = 'refused' THEN delta ELSE 0 END;
  c record;
  professional_events integer;
BEGIN
  IF e_at IS NULL THEN RETURN; END IF;
  INSERT INTO indicator_document_months AS x (document_id, month, events, created, validated, signed, deposited, refused)
  VALUES (doc, m, delta, k_created, k_validated, k_signed, k_deposited, k_refused)
  ON CONFLICT (document_id, month) DO UPDATE SET
    events = x.events + EXCLUDED.events, created = x.created + EXCLUDED.created, validated = x.validated + EXCLUDED.validated,
    signed = x.signed + EXCLUDED.signed, deposited = x.deposited + EXCLUDED.deposited, refused = x.refused + EXCLUDED.refused
  RETURNING x.events, x.created, x.validated, x.signed, x.deposited, x.refused INTO c;
  PERFORM dcc_indicator_group_add(m, g_structure, g_finess, g_center3c, g_volet, g_channel,
    dcc_indicator_flip(c.events, delta), dcc_indicator_flip(c.created, k_created), dcc_indicator_flip(c.validated, k_validated),
    dcc_indicator_flip(c.signed, k_signed), dcc_indicator_flip(c.deposited, k_deposited), dcc_indicator_flip(c.refused, k_refused));
  IF c.events = 0 THEN DELETE FROM indicator_document_months WHERE document_id = doc AND month = m; END IF;
  IF e_professional IS NOT NULL THEN
    INSERT INTO indicator_document_month_professionals AS p (document_id, month, professional, events)
    VALUES (doc, m, e_professional, delta)
    ON CONFLICT (document_id, month, professional) DO UPDATE SET events = p.events + EXCLUDED.events
    RETURNING p.events INTO professional_events;
    PERFORM dcc_indicator_group_professional_add(m, g_structure, g_finess, g_center3c, g_volet, g_channel, e_professional,
      dcc_indicator_flip(professional_events, delta));
    IF professional_events = 0 THEN
      DELETE FROM indicator_document_month_professionals WHERE document_id = doc AND month = m AND professional = e_professional;
    END IF;
  END IF;
END $$;

-- A document's months moved from one group to another (its facts changed).
CREATE FUNCTION dcc_indicator_move(doc uuid, o documents, n documents) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT * FROM indicator_document_months WHERE document_id = doc LOOP
    PERFORM dcc_indicator_group_add(r.month, o.structure_id, o.finess, o.center3c, o.type, o.channel, -1,
      -(r.created > 0)::integer, -(r.validated > 0)::integer, -(r.signed > 0)::integer, -(r.deposited > 0)::integer, -(r.refused > 0)::integer);
    PERFORM dcc_indicator_group_add(r.month, n.structure_id, n.finess, n.center3c, n.type, n.channel, 1,
      (r.created > 0)::integer, (r.validated > 0)::integer, (r.signed > 0)::integer, (r.deposited > 0)::integer, (r.refused > 0)::integer);
  END LOOP;
  FOR r IN SELECT * FROM indicator_document_month_professionals WHERE document_id = doc LOOP
    PERFORM dcc_indicator_group_professional_add(r.month, o.structure_id, o.finess, o.center3c, o.type, o.channel, r.professional, -1);
    PERFORM dcc_indicator_group_professional_add(r.month, n.structure_id, n.finess, n.center3c, n.type, n.channel, r.professional, 1);
  END LOOP;
END $$;

CREATE FUNCTION indicator_rollup_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.structure_id, OLD.finess, OLD.establishment_name, OLD.center3c, OLD.center3c_name)
      IS DISTINCT FROM (NEW.structure_id, NEW.finess, NEW.establishment_name, NEW.center3c, NEW.center3c_name)) THEN
    PERFORM dcc_indicator_label_add(OLD.structure_id, 'finess', OLD.finess, OLD.establishment_name, -1);
    PERFORM dcc_indicator_label_add(OLD.structure_id, '3c', OLD.center3c, OLD.center3c_name, -1);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD.structure_id, OLD.finess, OLD.establishment_name, OLD.center3c, OLD.center3c_name)
      IS DISTINCT FROM (NEW.structure_id, NEW.finess, NEW.establishment_name, NEW.center3c, NEW.center3c_name)) THEN
    PERFORM dcc_indicator_label_add(NEW.structure_id, 'finess', NEW.finess, NEW.establishment_name, 1);
    PERFORM dcc_indicator_label_add(NEW.structure_id, '3c', NEW.center3c, NEW.center3c_name, 1);
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF TG_OP = 'UPDATE' AND (OLD.structure_id, OLD.finess, OLD.center3c, OLD.type, OLD.channel)
        IS DISTINCT FROM (NEW.structure_id, NEW.finess, NEW.center3c, NEW.type, NEW.channel) THEN
      PERFORM dcc_indicator_move(OLD.id, OLD, NEW);
    END IF;
    -- The creation event, taken back under the group the document is in now.
    IF TG_OP = 'DELETE' THEN
      PERFORM dcc_indicator_count(OLD.id, OLD.structure_id, OLD.finess, OLD.center3c, OLD.type, OLD.channel, 'created', OLD.created_at, NULL, -1);
    ELSIF OLD.created_at IS DISTINCT FROM NEW.created_at THEN
      PERFORM dcc_indicator_count(NEW.id, NEW.structure_id, NEW.finess, NEW.center3c, NEW.type, NEW.channel, 'created', OLD.created_at, NULL, -1);
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.created_at IS DISTINCT FROM NEW.created_at) THEN
    PERFORM dcc_indicator_count(NEW.id, NEW.structure_id, NEW.finess, NEW.center3c, NEW.type, NEW.channel, 'created', NEW.created_at, NULL, 1);
  END IF;
  RETURN NULL;
END $$;

-- The events of an old row taken back and those of the new row counted, under the document's
-- current group (a version or submission never outlives its document: foreign keys).
CREATE FUNCTION dcc_indicator_count_event(doc_id uuid, e_kind text, e_at timestamptz, e_professional text, delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d documents;
BEGIN
  SELECT * INTO d FROM documents WHERE id = doc_id;
  PERFORM dcc_indicator_count(d.id, d.structure_id, d.finess, d.center3c, d.type, d.channel, e_kind, e_at, e_professional, delta);
END $$;

CREATE FUNCTION indicator_rollup_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM dcc_indicator_count_event(OLD.document_id, e.kind, e.at, e.professional, -1) FROM dcc_version_indicator_events(OLD) e;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM dcc_indicator_count_event(NEW.document_id, e.kind, e.at, e.professional, 1) FROM dcc_version_indicator_events(NEW) e;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_rollup_submissions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM dcc_indicator_count_event(OLD.document_id, e.kind, e.at, e.professional, -1) FROM dcc_submission_indicator_events(OLD) e;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM dcc_indicator_count_event(NEW.document_id, e.kind, e.at, e.professional, 1) FROM dcc_submission_indicator_events(NEW) e;
  END IF;
  RETURN NULL;
END $$;

-- Backfill from what is stored, then the triggers keep the rollup in each write's transaction.
INSERT INTO indicator_document_months SELECT * FROM indicator_document_months_recomputed;
INSERT INTO indicator_document_month_professionals SELECT * FROM indicator_document_month_professionals_recomputed;
INSERT INTO indicator_groups (month, structure_id, finess, center3c, volet, channel, documents, created, validated, signed, deposited, refused)
  SELECT * FROM indicator_groups_recomputed;
INSERT INTO indicator_group_professionals (month, structure_id, finess, center3c, volet, channel, professional, documents)
  SELECT * FROM indicator_group_professionals_recomputed;
INSERT INTO indicator_labels (structure_id, kind, key, name, documents) SELECT * FROM indicator_labels_recomputed;

CREATE TRIGGER indicator_rollup_documents AFTER INSERT OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION indicator_rollup_documents();
CREATE TRIGGER indicator_rollup_documents_update AFTER UPDATE ON documents
  FOR EACH ROW WHEN ((OLD.structure_id, OLD.finess, OLD.center3c, OLD.type, OLD.channel, OLD.created_at, OLD.establishment_name, OLD.center3c_name)
                     IS DISTINCT FROM (NEW.structure_id, NEW.finess, NEW.center3c, NEW.type, NEW.channel, NEW.created_at, NEW.establishment_name, NEW.center3c_name))
  EXECUTE FUNCTION indicator_rollup_documents();
CREATE TRIGGER indicator_rollup_versions AFTER INSERT OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION indicator_rollup_versions();
CREATE TRIGGER indicator_rollup_versions_update AFTER UPDATE ON document_versions
  FOR EACH ROW WHEN ((OLD.document_id, OLD.created_at, OLD.created_by, OLD.validated_at, OLD.validated_by, OLD.signed_at, OLD.signed_by)
                     IS DISTINCT FROM (NEW.document_id, NEW.created_at, NEW.created_by, NEW.validated_at, NEW.validated_by, NEW.signed_at, NEW.signed_by))
  EXECUTE FUNCTION indicator_rollup_versions();
CREATE TRIGGER indicator_rollup_submissions AFTER INSERT OR DELETE ON dmp_submissions
  FOR EACH ROW EXECUTE FUNCTION indicator_rollup_submissions();
CREATE TRIGGER indicator_rollup_submissions_update AFTER UPDATE ON dmp_submissions
  FOR EACH ROW WHEN ((OLD.document_id, OLD.channel, OLD.created_at, OLD.requested_by, OLD.accepted_at, OLD.refused_at)
                     IS DISTINCT FROM (NEW.document_id, NEW.channel, NEW.created_at, NEW.requested_by, NEW.accepted_at, NEW.refused_at))
  EXECUTE FUNCTION indicator_rollup_submissions();

-- The report's index: a month range first (the unique constraints' leading column).
-- The indexes of migration 006 on the event moments stay for the other readers.
