-- One session model: browser sign-ins and API tokens become rows of
-- `sessions` (kind browser | api), each found by the SHA-256 of its secret
-- token, so a single session can be listed and ended. The user-wide
-- session_version counter and api_tokens go: every cookie and API token
-- issued before this migration stops working, and their holders sign in again.
-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('browser', 'api');

-- DropForeignKey
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_id_fkey";

-- AlterTable
ALTER TABLE "users" DROP COLUMN "session_version",
ADD COLUMN     "failed_login_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failed_login_since" TIMESTAMPTZ(3),
ADD COLUMN     "locked_until" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "revoked_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "password_resets" ADD COLUMN     "revoked_at" TIMESTAMPTZ(3);

-- DropTable
DROP TABLE "api_tokens";

-- CreateTable
CREATE TABLE "sessions" (
    "id" VARCHAR(26) NOT NULL,
    "user_id" VARCHAR(26) NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "ip_address" VARCHAR(64),
    "user_agent" VARCHAR(512),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_id_idx" ON "sessions"("user_id", "id" DESC);

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


