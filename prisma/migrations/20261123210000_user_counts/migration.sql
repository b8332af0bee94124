-- Live-user counts per (role, status), kept exact by statement-level
-- triggers, so the users list's "total" for the unsearched views is one
-- indexed read instead of counting ~100k rows per request.
-- Hand-written (not in schema.prisma): read with raw SQL in
-- lib/server/users/count-users.ts.

-- No user may be written between the initial count and the triggers' start
-- (an older instance may still be serving while this runs).
LOCK TABLE "users" IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE "user_counts" (
    "role" "Role" NOT NULL,
    "status" "UserStatus" NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "user_counts_pkey" PRIMARY KEY ("role", "status")
);

INSERT INTO "user_counts" ("role", "status", "n")
SELECT r, s, (SELECT count(*) FROM "users" u WHERE u."role" = r AND u."status" = s AND u."deleted_at" IS NULL)
FROM unnest(enum_range(NULL::"Role")) AS r, unnest(enum_range(NULL::"UserStatus")) AS s;

-- Applies the net change of one statement. Rows are updated one at a time in
-- (role, status) order so concurrent transactions take these row locks in the
-- same order and cannot deadlock; a statement whose net change is zero (most
-- updates: last-active touches, renames) touches nothing.
CREATE FUNCTION "user_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d RECORD;
BEGIN
  -- PL/pgSQL plans each statement when it first runs, so every branch names
  -- only the transition tables its trigger has.
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "user_counts" SET "n" = 0 WHERE "n" <> 0;
  ELSIF TG_OP = 'INSERT' THEN
    FOR d IN SELECT "role", "status", count(*) AS k FROM new_rows WHERE "deleted_at" IS NULL GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      UPDATE "user_counts" SET "n" = "n" + d.k WHERE "role" = d."role" AND "status" = d."status";
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR d IN SELECT "role", "status", count(*) AS k FROM old_rows WHERE "deleted_at" IS NULL GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      UPDATE "user_counts" SET "n" = "n" - d.k WHERE "role" = d."role" AND "status" = d."status";
    END LOOP;
  ELSE
    FOR d IN
      SELECT x."role", x."status", sum(x.k) AS k
      FROM (
        SELECT "role", "status", -1 AS k FROM old_rows WHERE "deleted_at" IS NULL
        UNION ALL
        SELECT "role", "status", 1 AS k FROM new_rows WHERE "deleted_at" IS NULL
      ) x
      GROUP BY 1, 2
      HAVING sum(x.k) <> 0
      ORDER BY 1, 2
    LOOP
      UPDATE "user_counts" SET "n" = "n" + d.k WHERE "role" = d."role" AND "status" = d."status";
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "user_counts_after_insert" AFTER INSERT ON "users"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_apply"();
CREATE TRIGGER "user_counts_after_update" AFTER UPDATE ON "users"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_apply"();
CREATE TRIGGER "user_counts_after_delete" AFTER DELETE ON "users"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_apply"();
CREATE TRIGGER "user_counts_after_truncate" AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "user_counts_apply"();
