-- Self-service password reset: single-use, hashed, 1-hour links; the outbox
-- row of a reset email points at its reset so the sender can cancel stale ones.
-- AlterTable
ALTER TABLE "email_outbox" ADD COLUMN     "password_reset_id" VARCHAR(26);

-- CreateTable
CREATE TABLE "password_resets" (
    "id" VARCHAR(26) NOT NULL,
    "user_id" VARCHAR(26) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "superseded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_resets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_resets_token_hash_key" ON "password_resets"("token_hash");

-- CreateIndex
CREATE INDEX "password_resets_user_id_idx" ON "password_resets"("user_id");

-- CreateIndex
CREATE INDEX "email_outbox_password_reset_id_idx" ON "email_outbox"("password_reset_id");

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_password_reset_id_fkey" FOREIGN KEY ("password_reset_id") REFERENCES "password_resets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

