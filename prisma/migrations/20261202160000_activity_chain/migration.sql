-- The activity log as a hash chain (docs/audit-trail.md): every row gets a
-- place in one global order (chain_seq), the hash of the row before it
-- (prev_hash) and its own hash, SHA-256(prev_hash || canonical content).
-- Places are handed out when the writing transaction commits, by a deferred
-- constraint trigger under an advisory lock, so concurrent writers never
-- fork the chain and hold the lock only for the last moment of their commit.
-- The canonical content is defined here and, identically, in
-- lib/server/activity/canonical.ts (the verifier); change both or neither.

ALTER TABLE "activity_logs"
  ADD COLUMN "chain_seq" BIGINT,
  ADD COLUMN "prev_hash" BYTEA,
  ADD COLUMN "row_hash" BYTEA;

CREATE UNIQUE INDEX "activity_logs_chain_seq_key" ON "activity_logs" ("chain_seq");

-- Where the chain continues after older rows were archived (ACTIVITY_RETENTION_DAYS):
-- the last archived place and its hash, which the first remaining row chains to.
CREATE TABLE "activity_chain_cuts" (
  "chain_seq" BIGINT NOT NULL,
  "row_hash" BYTEA NOT NULL,
  "first_seq" BIGINT NOT NULL,
  "rows" BIGINT NOT NULL,
  "cutoff" TIMESTAMPTZ(3) NOT NULL,
  "archive_file" TEXT NOT NULL,
  "archive_sha256" VARCHAR(64) NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "activity_chain_cuts_pkey" PRIMARY KEY ("chain_seq")
);

-- Canonical JSON of a jsonb value: no whitespace, object keys sorted by
-- code point (the bytes of their UTF-8, COLLATE "C"), strings escaped as
-- JSON.stringify does (PostgreSQL's escaping is the same), numbers as
-- PostgreSQL prints them.
CREATE FUNCTION "activity_canonical_json"(v jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  CASE jsonb_typeof(v)
    WHEN 'object' THEN
      RETURN '{' || coalesce((SELECT string_agg(to_json(e.k)::text || ':' || "activity_canonical_json"(e.x), ',' ORDER BY e.k COLLATE "C")
                              FROM jsonb_each(v) AS e(k, x)), '') || '}';
    WHEN 'array' THEN
      RETURN '[' || coalesce((SELECT string_agg("activity_canonical_json"(e.x), ',' ORDER BY e.n)
                              FROM jsonb_array_elements(v) WITH ORDINALITY AS e(x, n)), '') || ']';
    ELSE
      RETURN v::text;
  END CASE;
END
$$;

-- The canonical content of a row: a JSON array of every field in a fixed
-- order, led by the format's name.
CREATE FUNCTION "activity_canonical"(a "activity_logs") RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT '["sel-activity/1",'
    || to_json(a."id")::text || ','
    || to_json(to_char(a."timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text || ','
    || coalesce(to_json(a."user_id")::text, 'null') || ','
    || coalesce(to_json(a."username")::text, 'null') || ','
    || to_json(a."event_type")::text || ','
    || coalesce(to_json(a."resource_type")::text, 'null') || ','
    || coalesce(to_json(a."resource_id")::text, 'null') || ','
    || coalesce(to_json(a."ip_address")::text, 'null') || ','
    || coalesce(to_json(a."user_agent")::text, 'null') || ','
    || coalesce("activity_canonical_json"(a."details"), 'null')
    || ']'
$$;

CREATE FUNCTION "activity_row_hash"(prev bytea, a "activity_logs") RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(prev || convert_to("activity_canonical"(a), 'UTF8'))
$$;

-- Where the chain ends now: the last chained row, or the last cut when every
-- row since was archived, or the start (place 0, 32 zero bytes).
CREATE FUNCTION "activity_chain_head"(OUT seq bigint, OUT hash bytea) LANGUAGE plpgsql STABLE AS $$
DECLARE
  cut_seq bigint;
  cut_hash bytea;
BEGIN
  SELECT a."chain_seq", a."row_hash" INTO seq, hash FROM "activity_logs" a WHERE a."chain_seq" IS NOT NULL ORDER BY a."chain_seq" DESC LIMIT 1;
  SELECT c."chain_seq", c."row_hash" INTO cut_seq, cut_hash FROM "activity_chain_cuts" c ORDER BY c."chain_seq" DESC LIMIT 1;
  IF cut_seq IS NOT NULL AND (seq IS NULL OR cut_seq > seq) THEN
    seq := cut_seq;
    hash := cut_hash;
  END IF;
  IF seq IS NULL THEN
    seq := 0;
    hash := decode(repeat('00', 32), 'hex');
  END IF;
END
$$;

-- Runs when the inserting transaction commits (deferred), once per new row.
-- The advisory lock (sql.ts LOCKS.activityChain) is held from the first of
-- the transaction's rows to the end of its commit, so the next writer's head
-- is always this one's last row. A row inserted with its chain columns
-- already set (a data-only restore) keeps them.
CREATE FUNCTION "activity_chain_append"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  IF NEW."chain_seq" IS NOT NULL THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(72707373);
  head := "activity_chain_head"();
  UPDATE "activity_logs" a
     SET "chain_seq" = head.seq + 1, "prev_hash" = head.hash, "row_hash" = "activity_row_hash"(head.hash, a)
   WHERE a."id" = NEW."id" AND a."chain_seq" IS NULL;
  RETURN NULL;
END
$$;

-- The rows written before the chain existed join it in id order (their
-- write order). No row may be written meanwhile.
LOCK TABLE "activity_logs" IN SHARE ROW EXCLUSIVE MODE;
DO $$
DECLARE
  r record;
  s bigint := 0;
  h bytea := decode(repeat('00', 32), 'hex');
BEGIN
  FOR r IN SELECT a."id" FROM "activity_logs" a ORDER BY a."id" LOOP
    s := s + 1;
    UPDATE "activity_logs" a SET "chain_seq" = s, "prev_hash" = h, "row_hash" = "activity_row_hash"(h, a)
     WHERE a."id" = r."id" RETURNING a."row_hash" INTO h;
  END LOOP;
END
$$;

CREATE CONSTRAINT TRIGGER "activity_chain_append" AFTER INSERT ON "activity_logs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "activity_chain_append"();
