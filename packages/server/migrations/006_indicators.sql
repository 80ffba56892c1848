-- Issue 14. The regional indicators (GET /indicators): what they group and count by, stored so
-- that one SQL query computes them without reading models or CDAs.
--
-- Per document (documents):
--   finess              the establishment (ESA): the custodian's FINESS ("1"+FINESS IdNat_Struct),
--                       else the encounter facility's, else the document's structure (the author's
--                       PSC structure, a FINESS, SIRET or technical id)
--   establishment_name  the name that goes with the FINESS taken from the model
--   center3c            the 3C: PPS careNetwork.coordinationCentre3C.organization.idNatStruct,
--                       FRCP meeting.managerId (national id of the RCP manager, root 1.2.250.1.161.1.20.2.1)
--   center3c_name       PPS: the 3C organisation's name; FRCP: the middle part of the meeting's
--                       denomination "RRC / 3C / RCP"
--   channel             'connector' (created by a call with a bearer token: an establishment's
--                       own system) or 'editor' (created in a web editors' session)
-- The facts follow the current version's model: a draft may start without its custodian or 3C
-- (drafts are never refused for being incomplete), so every new version refreshes them.
-- Per version: validated_at / validated_by, the first validation (re-validations keep it).
-- Per submission: accepted_at / refused_at, the first time the row reached that state.
-- Same file for PGlite and PostgreSQL.

ALTER TABLE documents ADD COLUMN finess text;
ALTER TABLE documents ADD COLUMN establishment_name text;
ALTER TABLE documents ADD COLUMN center3c text;
ALTER TABLE documents ADD COLUMN center3c_name text;
-- Documents created before this migration: their channel is not known; the editors were the
-- only client that existed then [I].
ALTER TABLE documents ADD COLUMN channel text NOT NULL DEFAULT 'editor' CHECK (channel IN ('connector', 'editor'));
ALTER TABLE document_versions ADD COLUMN validated_at timestamptz;
ALTER TABLE document_versions ADD COLUMN validated_by text;
ALTER TABLE dmp_submissions ADD COLUMN accepted_at timestamptz;
ALTER TABLE dmp_submissions ADD COLUMN refused_at timestamptz;

-- "1"+FINESS (IdNat_Struct of a FINESS-identified structure) → the 9-character FINESS
-- (department first: 2 digits, or 2A/2B for Corsica); anything else → NULL.
CREATE FUNCTION dcc_finess_of(id_nat_struct text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT substring(id_nat_struct FROM '^1((?:[0-9]{2}|2[AB])[0-9]{7})$')
$$;

-- The indicator facts of a document from one version's model (see the top of this file).
CREATE FUNCTION dcc_indicator_facts(doc_type text, model jsonb, structure_id text,
  OUT finess text, OUT establishment_name text, OUT center3c text, OUT center3c_name text)
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  custodian_finess text := dcc_finess_of(model #>> '{custodian,idNatStruct}');
  facility_finess text := dcc_finess_of(model #>> '{encounter,facility,idNatStruct}');
  denomination text[];
BEGIN
  IF custodian_finess IS NOT NULL THEN
    finess := custodian_finess;
    establishment_name := model #>> '{custodian,name}';
  ELSIF facility_finess IS NOT NULL THEN
    finess := facility_finess;
    establishment_name := model #>> '{encounter,facility,name}';
  ELSE
    finess := structure_id;
  END IF;
  IF doc_type = 'pps' THEN
    center3c := NULLIF(btrim(model #>> '{careNetwork,coordinationCentre3C,organization,idNatStruct}'), '');
    center3c_name := NULLIF(btrim(model #>> '{careNetwork,coordinationCentre3C,organization,name}'), '');
  ELSE
    center3c := NULLIF(btrim(model #>> '{meeting,managerId}'), '');
    denomination := string_to_array(model #>> '{meeting,denomination}', ' / ');
    IF array_length(denomination, 1) = 3 THEN center3c_name := NULLIF(btrim(denomination[2]), ''); END IF;
  END IF;
END $$;

CREATE FUNCTION documents_indicator_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  f record;
BEGIN
  SELECT x.* INTO f FROM documents d, dcc_indicator_facts(d.type, NEW.model, d.structure_id) x WHERE d.id = NEW.document_id;
  UPDATE documents SET finess = f.finess, establishment_name = f.establishment_name,
         center3c = f.center3c, center3c_name = f.center3c_name
   WHERE id = NEW.document_id;
  RETURN NULL;
END $$;
CREATE TRIGGER documents_indicator_facts AFTER INSERT ON document_versions
  FOR EACH ROW EXECUTE FUNCTION documents_indicator_facts();

-- The first acceptance / refusal of a submission, whichever code path changes its state.
CREATE FUNCTION dmp_submissions_outcome_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state = 'accepted' AND NEW.accepted_at IS NULL THEN NEW.accepted_at := now(); END IF;
  IF NEW.state = 'refused' AND NEW.refused_at IS NULL THEN NEW.refused_at := now(); END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dmp_submissions_outcome_at BEFORE INSERT OR UPDATE OF state ON dmp_submissions
  FOR EACH ROW EXECUTE FUNCTION dmp_submissions_outcome_at();

-- Backfill. Facts from each document's current version.
UPDATE documents d SET finess = f.finess, establishment_name = f.establishment_name,
       center3c = f.center3c, center3c_name = f.center3c_name
  FROM (SELECT c.id, x.* FROM documents c
          JOIN document_versions v ON v.document_id = c.id AND v.number = c.current_version,
          LATERAL dcc_indicator_facts(c.type, v.model, c.structure_id) x) f
 WHERE f.id = d.id;
-- Validation: who and when from the audit (first document.validate of the version), else the
-- stored summary's checkedAt for a version past draft (its author unknown).
UPDATE document_versions v SET validated_at = a.at, validated_by = a.actor
  FROM (SELECT DISTINCT ON (document_id, version) document_id, version, at, actor FROM audit_events
         WHERE action = 'document.validate' AND document_id IS NOT NULL ORDER BY document_id, version, at) a
 WHERE a.document_id = v.document_id AND a.version = v.number;
UPDATE document_versions SET validated_at = (validation ->> 'checkedAt')::timestamptz
 WHERE validated_at IS NULL AND status <> 'draft' AND validation ? 'checkedAt';
-- Outcomes: the first state event of that state, else the row's last change.
UPDATE dmp_submissions s SET accepted_at = COALESCE(
    (SELECT min(e.at) FROM submission_events e WHERE e.submission_id = s.id AND e.kind = 'state' AND e.state = 'accepted'), s.updated_at)
 WHERE s.state = 'accepted';
UPDATE dmp_submissions s SET refused_at = COALESCE(
    (SELECT min(e.at) FROM submission_events e WHERE e.submission_id = s.id AND e.kind = 'state' AND e.state = 'refused'), s.updated_at)
 WHERE s.state = 'refused';

-- What the indicator query filters on: the moments (a period is a range of each), and the
-- groups a caller may ask for.
CREATE INDEX documents_created_at ON documents (created_at);
CREATE INDEX documents_finess ON documents (finess);
CREATE INDEX documents_center3c ON documents (center3c);
CREATE INDEX document_versions_created_at ON document_versions (created_at);
CREATE INDEX document_versions_validated_at ON document_versions (validated_at) WHERE validated_at IS NOT NULL;
CREATE INDEX document_versions_signed_at ON document_versions (signed_at) WHERE signed_at IS NOT NULL;
CREATE INDEX dmp_submissions_dmp_created_at ON dmp_submissions (created_at) WHERE channel = 'dmp';
CREATE INDEX dmp_submissions_accepted_at ON dmp_submissions (accepted_at) WHERE channel = 'dmp' AND accepted_at IS NOT NULL;
CREATE INDEX dmp_submissions_refused_at ON dmp_submissions (refused_at) WHERE channel = 'dmp' AND refused_at IS NOT NULL;
