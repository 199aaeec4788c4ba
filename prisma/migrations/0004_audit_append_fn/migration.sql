-- One round trip per audit group commit (server/audit/appender.ts).
--
-- The appender seals a batch speculatively on top of the chain head it last saw
-- (seq, hash, signing key). This function commits that batch in ONE statement, so
-- the caller's autocommit makes it one transaction and one network round trip
-- instead of five (BEGIN, lock head, INSERT, UPDATE head, COMMIT). It takes the
-- same lock as the transactional path (the org's AuditHead row, FOR UPDATE) and
-- re-checks the speculation under it: if another process appended in between, or
-- the org's current signing key changed, it writes nothing and returns -1, and the
-- appender falls back to the transactional path, which re-seals under the lock.
-- Inside PL/pgSQL each statement takes a fresh snapshot (READ COMMITTED), so the
-- key check after the lock sees any rotation committed while we waited.
-- Returns the number of events inserted (the batch size) on success.
CREATE OR REPLACE FUNCTION aegis_audit_append(
  p_org TEXT, p_base_seq BIGINT, p_base_hash TEXT, p_key_id TEXT,
  p_last_seq BIGINT, p_last_hash TEXT, p_ts TIMESTAMPTZ, p_rows JSONB
) RETURNS INTEGER
LANGUAGE plpgsql AS $$
DECLARE
  head_seq BIGINT;
  head_hash TEXT;
  current_key TEXT;
  inserted INTEGER;
BEGIN
  SELECT h."seq", h."hash" INTO head_seq, head_hash FROM "AuditHead" h WHERE h."orgId" = p_org FOR UPDATE;
  IF NOT FOUND OR head_seq <> p_base_seq OR head_hash <> p_base_hash THEN
    RETURN -1;
  END IF;
  SELECT k."keyId" INTO current_key FROM "SigningKey" k
    WHERE k."orgId" = p_org AND k."validUntil" IS NULL ORDER BY k."validFrom" DESC LIMIT 1;
  IF current_key IS DISTINCT FROM p_key_id THEN
    RETURN -1;
  END IF;
  INSERT INTO "AuditEvent" ("id", "orgId", "seq", "ts", "requestId", "decision", "agent", "upstream", "body", "hash", "prevHash", "signature", "keyId", "flight")
  SELECT r->>'id', p_org, (r->>'seq')::BIGINT, p_ts AT TIME ZONE 'UTC', r->>'request_id', r->>'decision', r->>'agent', r->>'upstream',
    r->'body', r->>'hash', r->>'prev_hash', r->>'signature', p_key_id, NULLIF(r->'flight', 'null'::JSONB)
  FROM jsonb_array_elements(p_rows) AS r;
  GET DIAGNOSTICS inserted = ROW_COUNT;
  UPDATE "AuditHead" SET "seq" = p_last_seq, "hash" = p_last_hash, "updatedAt" = now() WHERE "orgId" = p_org;
  RETURN inserted;
END
$$;
