-- Issue 14. The identity lifecycle of identity-auth.md §1.5: the two criteria the RNIV status
-- is made of, each with who (IdNat_PS) and when. INSi criterion: the INS was retrieved (search)
-- or checked (vérification) with the stored traits; document criterion: a high-trust identity
-- document was seen by a professional. identity_status stays the stored status (derived from
-- the criteria by the identity service; rows written before this migration keep theirs, with
-- no criterion recorded). A change of the INS or of a strict trait clears both criteria.
ALTER TABLE patients ADD COLUMN identity_insi_at timestamptz;
ALTER TABLE patients ADD COLUMN identity_insi_by text;
ALTER TABLE patients ADD COLUMN identity_insi_operation text CHECK (identity_insi_operation IN ('search', 'verify'));
ALTER TABLE patients ADD COLUMN identity_document_at timestamptz;
ALTER TABLE patients ADD COLUMN identity_document_by text;
ALTER TABLE patients ADD COLUMN identity_document_kind text CHECK (identity_document_kind IN ('passport', 'identity-card', 'residence-permit'));
