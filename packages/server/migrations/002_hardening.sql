-- Issue 12. Idempotency replays are kept encrypted with the server key (AES-256-GCM), never in
-- clear: the stored responses of patient creations held names, INS and birth dates. Replays
-- stored in clear by version 1 are dropped (their requests can no longer be replayed; a retry
-- of a write then meets its If-Match or duplicate check).
DELETE FROM idempotency_keys WHERE status IS NOT NULL;
ALTER TABLE idempotency_keys DROP COLUMN response;
ALTER TABLE idempotency_keys ADD COLUMN response bytea;
-- Reads are audited too: the audit list filters by action.
CREATE INDEX audit_action ON audit_events (structure_id, action);
