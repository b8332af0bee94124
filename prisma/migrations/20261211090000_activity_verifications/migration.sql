-- Verifications of the activity chain started from the console or the API
-- (lib/server/activity/chain/integrity.ts): one row per run, its progress
-- while it runs (heartbeat in updated_at) and its result once it ended.
-- One run at a time: the runner holds the advisory lock
-- LOCKS.activityVerify (lib/server/sql.ts) for as long as it walks.
CREATE TABLE "activity_verifications" (
  "id" VARCHAR(26) NOT NULL,
  "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "finished_at" TIMESTAMPTZ(3),
  "started_by" VARCHAR(26),
  "started_by_username" VARCHAR(254),
  -- running, ok (intact), failed (a problem found), error (could not check), interrupted (the server stopped)
  "status" VARCHAR(16) NOT NULL DEFAULT 'running',
  "rows_verified" BIGINT NOT NULL DEFAULT 0,
  "rows_total" BIGINT NOT NULL DEFAULT 0,
  "head_seq" BIGINT,
  "head_hash" VARCHAR(64),
  "problem" JSONB,
  "error" TEXT,
  CONSTRAINT "activity_verifications_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "activity_verifications_status_check" CHECK ("status" IN ('running', 'ok', 'failed', 'error', 'interrupted'))
);

CREATE INDEX "activity_verifications_finished_idx" ON "activity_verifications" ("finished_at" DESC) WHERE "finished_at" IS NOT NULL;
