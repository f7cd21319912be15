-- Intake in one round trip (issue 15). A new inbound message that opens a ticket used to cost 12
-- statements (BEGIN, locks, dedupe, customer lookup and writes, ticket, message, events, SLA
-- targets, next due, COMMIT); on a loaded 2-core machine each round trip costs more than the work
-- it carries. The service decides everything that is pure (classification, routing, SLA targets,
-- events, lexemes: src/modules/inquiries/intake-in-one-call.ts) and this function does the rest
-- in the statement's own transaction: the same advisory locks in the same order as the general
-- path (message, then customer), then dedupe, the customer, the thread, and the writes. Each
-- statement of a plpgsql function reads a fresh snapshot, so what the previous lock holder
-- committed is seen. Whenever the general path would do something else (a redelivery, a message
-- that joins an open ticket of its thread) it returns before writing anything and the service
-- takes the general path. Rows come as JSON objects keyed by column name (built from the
-- drizzle tables, complete by type), so a new column cannot be forgotten here.
CREATE FUNCTION intake_open(p jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_key text;
  v_customer text;
  v_number bigint;
BEGIN
  FOR v_key IN SELECT jsonb_array_elements_text(p->'locks') LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(v_key, 0));
  END LOOP;

  IF p->>'externalId' IS NOT NULL THEN
    PERFORM 1 FROM messages WHERE channel = p->>'channel' AND external_id = p->>'externalId';
    IF FOUND THEN RETURN jsonb_build_object('outcome', 'known'); END IF;
  END IF;

  -- the customer of the strongest known identity (keys come strongest first)
  SELECT i.customer_id INTO v_customer
    FROM jsonb_array_elements(p->'identities') WITH ORDINALITY AS k(key, rank)
    JOIN customer_identities i ON i.kind = k.key->>'kind' AND i.channel = k.key->>'channel' AND i.value = k.key->>'value'
    ORDER BY k.rank LIMIT 1;

  IF v_customer IS NOT NULL AND p->>'threadId' IS NOT NULL THEN
    PERFORM 1 FROM tickets
      WHERE customer_id = v_customer AND channel = p->>'channel' AND thread_id = p->>'threadId' AND status <> 'closed';
    IF FOUND THEN RETURN jsonb_build_object('outcome', 'thread'); END IF;
  END IF;

  IF v_customer IS NULL THEN
    v_customer := p->'customer'->>'id';
    INSERT INTO customers (id, name, email, phone, created_at, updated_at)
      VALUES (v_customer, p->'customer'->>'name', p->'customer'->>'email', p->'customer'->>'phone',
        (p->>'at')::timestamptz, (p->>'at')::timestamptz);
  END IF;
  -- identities we learn on the way; one already held by someone else stays theirs
  INSERT INTO customer_identities (id, customer_id, kind, channel, value, created_at)
    SELECT k->>'id', v_customer, k->>'kind', k->>'channel', k->>'value', (p->>'at')::timestamptz
    FROM jsonb_array_elements(p->'identities') AS k
    ON CONFLICT DO NOTHING;

  v_number := nextval(pg_get_serial_sequence('tickets', 'number'));
  INSERT INTO tickets SELECT * FROM jsonb_populate_record(NULL::tickets, p->'ticket' || jsonb_build_object(
    'number', v_number, 'customer_id', v_customer,
    'search', array_to_tsvector(ARRAY(SELECT jsonb_array_elements_text(p->'lexemes')))::text));
  INSERT INTO messages SELECT * FROM jsonb_populate_record(NULL::messages, p->'message' || jsonb_build_object('customer_id', v_customer));

  -- events in their order; the ticket and message they show get the number and customer only known here
  INSERT INTO events (id, type, ticket_id, actor_type, actor_id, data, created_at)
    SELECT e->>'id', e->>'type', e->>'ticket_id', e->>'actor_type', e->>'actor_id',
      CASE
        WHEN e->'data' ? 'ticket' THEN jsonb_set(jsonb_set(e->'data', '{ticket,number}', to_jsonb(v_number)), '{ticket,customerId}', to_jsonb(v_customer))
        WHEN e->'data'->'message'->>'author' = 'customer' THEN jsonb_set(e->'data', '{message,customerId}', to_jsonb(v_customer))
        ELSE e->'data'
      END,
      (e->>'created_at')::timestamptz
    FROM jsonb_array_elements(p->'events') WITH ORDINALITY AS x(e, ord)
    ORDER BY ord;

  INSERT INTO sla_targets SELECT * FROM jsonb_populate_recordset(NULL::sla_targets, p->'slaTargets') ON CONFLICT DO NOTHING;
  IF p->>'nextDueAt' IS NOT NULL THEN
    INSERT INTO ticket_sla_due (ticket_id, next_due_at) VALUES (p->'ticket'->>'id', (p->>'nextDueAt')::timestamptz)
      ON CONFLICT (ticket_id) DO UPDATE SET next_due_at = excluded.next_due_at;
  END IF;

  RETURN jsonb_build_object('outcome', 'opened', 'customerId', v_customer, 'number', v_number);
END $$;
