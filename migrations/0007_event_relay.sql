CREATE TABLE "event_cursors" (
	"subscriber" text PRIMARY KEY NOT NULL,
	"txid" "xid8" NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "events_relay_order_idx" ON "events" USING btree ("txid","seq");--> statement-breakpoint
-- The SQL twin of newId() (src/shared/ids.ts), for statements that write many rows at once:
-- prefix, the time in milliseconds in base 32 (9 digits), 80 random bits in Crockford base 32.
CREATE FUNCTION new_id(prefix text, at timestamptz DEFAULT now()) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  ms bigint := floor(extract(epoch FROM at) * 1000);
  digits constant text := '0123456789abcdefghijklmnopqrstuv';
  crockford constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  bytes bytea := substring(decode(md5(gen_random_uuid()::text), 'hex') FROM 1 FOR 10);
  t text := '';
  r text := '';
  buffer bigint := 0;
  bits int := 0;
BEGIN
  LOOP
    t := substr(digits, (ms % 32)::int + 1, 1) || t;
    ms := ms / 32;
    EXIT WHEN ms = 0;
  END LOOP;
  FOR i IN 0..9 LOOP
    buffer := (buffer << 8) | get_byte(bytes, i);
    bits := bits + 8;
    WHILE bits >= 5 LOOP
      r := r || substr(crockford, ((buffer >> (bits - 5)) & 31)::int + 1, 1);
      bits := bits - 5;
    END LOOP;
    buffer := buffer & ((1::bigint << bits) - 1);
  END LOOP;
  RETURN prefix || '_' || lpad(t, 9, '0') || r;
END
$$;
