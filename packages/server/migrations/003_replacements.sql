-- Issue 11. A signed document takes a new version that replaces it (CDA relatedDocument RPLC).
-- What the DMP queue needs of every version, without parsing CDAs:
--   cda_document_id     ClinicalDocument/id of the signed CDA (`root` or `root^extension`): the XDS uniqueId
--   cda_set_id          its setId (same string form)
--   cda_version_number  its versionNumber; on a replacement draft, the number its CDA will carry
--   replaces_version    the server version (same document) whose signed CDA this one replaces
--   replaces_cda_document_id  that version's cda_document_id (= this CDA's parentDocument/id)
--   replacement_reason  { reason: Coding of JDV_MotifMiseAJour_CISIS, precision? } given by the client
ALTER TABLE document_versions ADD COLUMN cda_document_id text;
ALTER TABLE document_versions ADD COLUMN cda_set_id text;
ALTER TABLE document_versions ADD COLUMN cda_version_number integer CHECK (cda_version_number >= 1);
ALTER TABLE document_versions ADD COLUMN replaces_version integer;
ALTER TABLE document_versions ADD COLUMN replaces_cda_document_id text;
ALTER TABLE document_versions ADD COLUMN replacement_reason jsonb;
ALTER TABLE document_versions ADD CONSTRAINT document_versions_replaces
  FOREIGN KEY (document_id, replaces_version) REFERENCES document_versions (document_id, number);
ALTER TABLE document_versions ADD CONSTRAINT document_versions_replaces_earlier
  CHECK (replaces_version IS NULL OR replaces_version < number);
CREATE INDEX document_versions_cda_document_id ON document_versions (cda_document_id);

-- Backfill of the versions signed before this migration, from their stored CDA (written by this
-- server: the first <id> is ClinicalDocument/id, root then extension). Rows the patterns do not
-- read (an escaped character in an extension…) stay NULL; the server then parses the CDA itself.
UPDATE document_versions v SET
  cda_document_id = m.id[1] || COALESCE('^' || m.id[2], ''),
  cda_set_id = m.set_id[1] || COALESCE('^' || m.set_id[2], ''),
  cda_version_number = m.version_number[1]::integer
FROM (
  SELECT document_id, number,
    regexp_match(cda, '<id root="([^"&<]+)"(?: extension="([^"&<]+)")?\s*/>') AS id,
    regexp_match(cda, '<setId root="([^"&<]+)"(?: extension="([^"&<]+)")?\s*/>') AS set_id,
    regexp_match(cda, '<versionNumber value="([1-9][0-9]{0,8})"') AS version_number
  FROM document_versions WHERE signed_at IS NOT NULL AND cda IS NOT NULL
) m
WHERE v.document_id = m.document_id AND v.number = m.number AND m.id IS NOT NULL AND m.set_id IS NOT NULL AND m.version_number IS NOT NULL;

-- Immutability extended: once signed, the CDA facts are final; what a version replaces and
-- why is written once, when the version is created.
CREATE OR REPLACE FUNCTION document_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.model IS DISTINCT FROM OLD.model OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'document version % of % is immutable', OLD.number, OLD.document_id;
  END IF;
  IF OLD.signed_at IS NOT NULL AND (NEW.cda IS DISTINCT FROM OLD.cda OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
     OR NEW.signed_by IS DISTINCT FROM OLD.signed_by OR NEW.cda_document_id IS DISTINCT FROM OLD.cda_document_id
     OR NEW.cda_set_id IS DISTINCT FROM OLD.cda_set_id OR NEW.cda_version_number IS DISTINCT FROM OLD.cda_version_number) THEN
    RAISE EXCEPTION 'signed document version % of % is immutable', OLD.number, OLD.document_id;
  END IF;
  IF NEW.replaces_version IS DISTINCT FROM OLD.replaces_version OR NEW.replaces_cda_document_id IS DISTINCT FROM OLD.replaces_cda_document_id
     OR NEW.replacement_reason IS DISTINCT FROM OLD.replacement_reason THEN
    RAISE EXCEPTION 'the replacement of document version % of % is immutable', OLD.number, OLD.document_id;
  END IF;
  RETURN NEW;
END $$;
