-- Which request holds a pending Idempotency-Key: the answer is written in the transaction of
-- the change it answers, and only by the request that still holds the key (a request that
-- outlived its lease, whose key another request took over, rolls its change back).
ALTER TABLE idempotency_keys ADD COLUMN holder uuid;
