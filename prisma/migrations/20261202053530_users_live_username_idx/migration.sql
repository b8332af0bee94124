-- The activity page's User filter lists the first 500 live users by name.
-- Without an index in that order PostgreSQL sorted every live user on each
-- render (~97,000 at 100k users: the page's p95 went from 25 to 56 ms); with
-- it, the list is the first 501 entries of this index.
CREATE INDEX "users_live_username_idx" ON "users" ("username") WHERE "deleted_at" IS NULL;
