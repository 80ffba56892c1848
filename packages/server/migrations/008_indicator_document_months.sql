-- Issue 14. The regional indicators (GET /indicators) read one row per document and month
-- (and one per document, month and professional) instead of one row per event: about 50,000
-- rows for 12 months of a 100,000-version history instead of about 193,000 events, each row
-- already carrying the group it counts under, so the report is a scan of a month range and a
-- GROUP BY, with no join.
--
-- NO ROW SHARED BETWEEN DOCUMENTS. Every row here is keyed by its document (document_id first in
-- each key): a write touches only the rows of the document it writes, which that write already
-- holds (the documents row is updated in the same transaction). Two signatures of the same
-- establishment in the same month never wait on each other, whatever one of them waits for
-- afterwards (indicator-document-months.test.ts holds one open while the other completes). An
-- earlier design kept per-group counters updated by every write of the group; one stalled
-- transaction then blocked every write of its establishment-month (the crash-replay test on
-- PostgreSQL). The group totals are computed when the report is read.
--
-- The figures are exactly those of the event query this replaces (migration 006's columns): an
-- event is a document's creation (documents.created_at), a version saved (created_at,
-- created_by), validated (validated_at, validated_by), signed (signed_at, signed_by), a DMP
-- submission made (dmp_submissions.created_at, requested_by; channel 'dmp' only), accepted
-- (accepted_at) or refused (refused_at). Its month is the French calendar month. A document
-- counts once per month and kind, under its current facts (structure, FINESS, 3C, volet,
-- channel); the professionals are the distinct non-null actors of the events.
--
--   indicator_document_months              per (document, month): how many events of each kind
--                                          (a count, so updates and deletes stay exact; the
--                                          report counts the documents whose count is > 0), and
--                                          the document's group
--   indicator_document_month_professionals per (document, month, professional): how many events,
--                                          and the document's group
-- A row exists while its document has an event that month. The document's facts changing (a
-- later version names another custodian or 3C) rewrites the group columns of its own rows.
-- The views *_recomputed compute the same rows from the source tables: the backfill below, and
-- the tests comparing the kept rows with them.
-- Not deferred: migration 006's trigger sets a document's facts after each version insert, and
-- these triggers run in the same statement, so the rows always carry the current facts.
-- Same file for PGlite and PostgreSQL.

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
  structure_id text NOT NULL,
  finess text,
  center3c text,
  volet text NOT NULL,
  channel text NOT NULL,
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
  structure_id text NOT NULL,
  finess text,
  center3c text,
  volet text NOT NULL,
  channel text NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (document_id, month, professional)
);

CREATE VIEW indicator_document_months_recomputed AS
  SELECT e.document_id, dcc_indicator_month(e.at) AS month, d.structure_id, d.finess, d.center3c, d.type AS volet, d.channel,
         count(*)::integer AS events,
         count(*) FILTER (WHERE e.kind = 'created')::integer AS created, count(*) FILTER (WHERE e.kind = 'validated')::integer AS validated,
         count(*) FILTER (WHERE e.kind = 'signed')::integer AS signed, count(*) FILTER (WHERE e.kind = 'deposited')::integer AS deposited,
         count(*) FILTER (WHERE e.kind = 'refused')::integer AS refused
    FROM indicator_events e JOIN documents d ON d.id = e.document_id
   GROUP BY e.document_id, 2, d.structure_id, d.finess, d.center3c, d.type, d.channel;
CREATE VIEW indicator_document_month_professionals_recomputed AS
  SELECT e.document_id, dcc_indicator_month(e.at) AS month, e.professional, d.structure_id, d.finess, d.center3c, d.type AS volet, d.channel,
         count(*)::integer AS events
    FROM indicator_events e JOIN documents d ON d.id = e.document_id
   WHERE e.professional IS NOT NULL
   GROUP BY e.document_id, 2, e.professional, d.structure_id, d.finess, d.center3c, d.type, d.channel;

-- One event of document `d` counted (delta +1) or taken back (-1), in d's own rows only.
CREATE FUNCTION dcc_indicator_count(d documents, e_kind text, e_at timestamptz, e_professional text, delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  m date := dcc_indicator_month(e_at);
  left_events integer;
BEGIN
  IF e_at IS NULL THEN RETURN; END IF;
  INSERT INTO indicator_document_months AS x (document_id, month, structure_id, finess, center3c, volet, channel,
                                              events, created, validated, signed, deposited, refused)
  VALUES (d.id, m, d.structure_id, d.finess, d.center3c, d.type, d.channel, delta,
          CASE WHEN e_kind = 'created' THEN delta ELSE 0 END, CASE WHEN e_kind = 'validated' THEN delta ELSE 0 END,
          CASE WHEN e_kind = 'signed' THEN delta ELSE 0 END, CASE WHEN e_kind = 'deposited' THEN delta ELSE 0 END,
          CASE WHEN e_kind = 'refused' THEN delta ELSE 0 END)
  ON CONFLICT (document_id, month) DO UPDATE SET
    events = x.events + EXCLUDED.events, created = x.created + EXCLUDED.created, validated = x.validated + EXCLUDED.validated,
    signed = x.signed + EXCLUDED.signed, deposited = x.deposited + EXCLUDED.deposited, refused = x.refused + EXCLUDED.refused
  RETURNING x.events INTO left_events;
  IF left_events = 0 THEN DELETE FROM indicator_document_months WHERE document_id = d.id AND month = m; END IF;
  IF e_professional IS NOT NULL THEN
    INSERT INTO indicator_document_month_professionals AS p (document_id, month, professional, structure_id, finess, center3c, volet, channel, events)
    VALUES (d.id, m, e_professional, d.structure_id, d.finess, d.center3c, d.type, d.channel, delta)
    ON CONFLICT (document_id, month, professional) DO UPDATE SET events = p.events + EXCLUDED.events
    RETURNING p.events INTO left_events;
    IF left_events = 0 THEN
      DELETE FROM indicator_document_month_professionals WHERE document_id = d.id AND month = m AND professional = e_professional;
    END IF;
  END IF;
END $$;

-- An event of a version or submission, under its document (none left: the document is being
-- deleted, and its own trigger removes its rows).
CREATE FUNCTION dcc_indicator_count_event(doc_id uuid, e_kind text, e_at timestamptz, e_professional text, delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d documents;
BEGIN
  SELECT * INTO d FROM documents WHERE id = doc_id;
  IF NOT FOUND THEN RETURN; END IF;
  PERFORM dcc_indicator_count(d, e_kind, e_at, e_professional, delta);
END $$;

CREATE FUNCTION indicator_document_months_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM indicator_document_months WHERE document_id = OLD.id;
    DELETE FROM indicator_document_month_professionals WHERE document_id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- The document's own rows follow its facts.
    IF (OLD.structure_id, OLD.finess, OLD.center3c, OLD.type, OLD.channel)
        IS DISTINCT FROM (NEW.structure_id, NEW.finess, NEW.center3c, NEW.type, NEW.channel) THEN
      UPDATE indicator_document_months SET structure_id = NEW.structure_id, finess = NEW.finess, center3c = NEW.center3c,
             volet = NEW.type, channel = NEW.channel WHERE document_id = NEW.id;
      UPDATE indicator_document_month_professionals SET structure_id = NEW.structure_id, finess = NEW.finess, center3c = NEW.center3c,
             volet = NEW.type, channel = NEW.channel WHERE document_id = NEW.id;
    END IF;
    IF OLD.created_at IS NOT DISTINCT FROM NEW.created_at THEN RETURN NULL; END IF;
    PERFORM dcc_indicator_count(NEW, 'created', OLD.created_at, NULL, -1);
  END IF;
  PERFORM dcc_indicator_count(NEW, 'created', NEW.created_at, NULL, 1);
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_document_months_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM dcc_indicator_count_event(OLD.document_id, e.kind, e.at, e.professional, -1) FROM dcc_version_indicator_events(OLD) e;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM dcc_indicator_count_event(NEW.document_id, e.kind, e.at, e.professional, 1) FROM dcc_version_indicator_events(NEW) e;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION indicator_document_months_submissions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM dcc_indicator_count_event(OLD.document_id, e.kind, e.at, e.professional, -1) FROM dcc_submission_indicator_events(OLD) e;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM dcc_indicator_count_event(NEW.document_id, e.kind, e.at, e.professional, 1) FROM dcc_submission_indicator_events(NEW) e;
  END IF;
  RETURN NULL;
END $$;

-- Backfill from what is stored, then the triggers keep the rows in each write's transaction.
INSERT INTO indicator_document_months SELECT * FROM indicator_document_months_recomputed;
INSERT INTO indicator_document_month_professionals SELECT * FROM indicator_document_month_professionals_recomputed;
-- Statistics for the report's plans from the start (PGlite has no autovacuum to gather them).
ANALYZE indicator_document_months, indicator_document_month_professionals;

CREATE TRIGGER indicator_document_months_documents AFTER INSERT OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION indicator_document_months_documents();
CREATE TRIGGER indicator_document_months_documents_update AFTER UPDATE ON documents
  FOR EACH ROW WHEN ((OLD.structure_id, OLD.finess, OLD.center3c, OLD.type, OLD.channel, OLD.created_at)
                     IS DISTINCT FROM (NEW.structure_id, NEW.finess, NEW.center3c, NEW.type, NEW.channel, NEW.created_at))
  EXECUTE FUNCTION indicator_document_months_documents();
CREATE TRIGGER indicator_document_months_versions AFTER INSERT OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION indicator_document_months_versions();
CREATE TRIGGER indicator_document_months_versions_update AFTER UPDATE ON document_versions
  FOR EACH ROW WHEN ((OLD.document_id, OLD.created_at, OLD.created_by, OLD.validated_at, OLD.validated_by, OLD.signed_at, OLD.signed_by)
                     IS DISTINCT FROM (NEW.document_id, NEW.created_at, NEW.created_by, NEW.validated_at, NEW.validated_by, NEW.signed_at, NEW.signed_by))
  EXECUTE FUNCTION indicator_document_months_versions();
CREATE TRIGGER indicator_document_months_submissions AFTER INSERT OR DELETE ON dmp_submissions
  FOR EACH ROW EXECUTE FUNCTION indicator_document_months_submissions();
CREATE TRIGGER indicator_document_months_submissions_update AFTER UPDATE ON dmp_submissions
  FOR EACH ROW WHEN ((OLD.document_id, OLD.channel, OLD.created_at, OLD.requested_by, OLD.accepted_at, OLD.refused_at)
                     IS DISTINCT FROM (NEW.document_id, NEW.channel, NEW.created_at, NEW.requested_by, NEW.accepted_at, NEW.refused_at))
  EXECUTE FUNCTION indicator_document_months_submissions();

-- The report's indexes: a month range, covering what it groups and counts (index-only scans on
-- PostgreSQL once the pages are all-visible; the key's month first either way).
CREATE INDEX indicator_document_months_report ON indicator_document_months (month)
  INCLUDE (structure_id, finess, center3c, volet, channel, created, validated, signed, deposited, refused);
CREATE INDEX indicator_document_month_professionals_report ON indicator_document_month_professionals (month)
  INCLUDE (structure_id, finess, center3c, volet, channel, professional);

-- The filters' labels (INDICATOR_LABELS_SQL): each distinct FINESS or 3C and its greatest name
-- by index probes instead of a scan of every document. They replace migration 006's
-- single-column indexes, whose queries they serve as well.
DROP INDEX documents_finess;
DROP INDEX documents_center3c;
CREATE INDEX documents_finess_name ON documents (finess, establishment_name DESC NULLS LAST);
CREATE INDEX documents_center3c_name ON documents (center3c, center3c_name DESC NULLS LAST);
