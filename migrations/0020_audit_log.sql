CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"api_key_id" text,
	"kind" text NOT NULL,
	"action" text NOT NULL,
	"resource" text NOT NULL,
	"resource_id" text,
	"method" text,
	"route" text,
	"status" integer,
	"ip" text,
	"user_agent" text,
	"request_id" text
);
--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_key_idx" ON "audit_log" USING btree ("api_key_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_resource_idx" ON "audit_log" USING btree ("resource","resource_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
-- Custom SQL (not generated): the audit log is append-only in the database itself, not only by
-- having no route that changes it: a bug, a careless script or a migration cannot rewrite who did
-- what. The one UPDATE allowed seals a pending row (written before a change runs, so that a crash
-- mid-change still leaves its trace) with its outcome: `status` from NULL, and `resource_id` of a
-- create from NULL; every other column stays as written. The table's owner can still drop the
-- trigger: this guards against mistakes, not against a database superuser (see the module README).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status IS NULL AND NEW.status IS NOT NULL
       AND (OLD.resource_id IS NULL OR NEW.resource_id IS NOT DISTINCT FROM OLD.resource_id)
       AND (to_jsonb(NEW) - 'status' - 'resource_id') = (to_jsonb(OLD) - 'status' - 'resource_id') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
