CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"lockouts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "origin" text DEFAULT 'api' NOT NULL;--> statement-breakpoint
CREATE INDEX "sign_in_throttles_last_attempt_at_idx" ON "sign_in_throttles" USING btree ("last_attempt_at");--> statement-breakpoint
-- The old bootstrap kept its key under one fixed id; its name says whether it came from ADMIN_API_KEY or was generated.
UPDATE "api_keys" SET "origin" = 'env' WHERE "id" = 'key_bootstrap' AND "name" = 'bootstrap admin (ADMIN_API_KEY)';--> statement-breakpoint
UPDATE "api_keys" SET "origin" = 'generated' WHERE "id" = 'key_bootstrap' AND "name" = 'bootstrap admin (generated on first start)';
