-- A message from a channel id the customer never had, matched by their email or phone, used to
-- race an erasure: intake locks only the strongest identity (the new channel id), an erasure only
-- the customer's own identities, so neither waited for the other and the message could land on
-- the customer just erased, text and all. intake_open now holds the matched customer's row
-- (FOR KEY SHARE, what the erasure's FOR UPDATE waits for) and reads the identities again, as the
-- general path does (resolve-customer.ts). Otherwise the function is 0016's.
CREATE OR REPLACE FUNCTION intake_open(p jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_key text;
  v_customer text;
  v_number bigint;
  v_rank bigint;
  v_held text[] := '{}';
BEGIN
  FOR v_key IN SELECT jsonb_array_elements_text(p->'locks') LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(v_key, 0));
  END LOOP;

  IF p->>'externalId' IS NOT NULL THEN
    PERFORM 1 FROM messages WHERE channel = p->>'channel' AND external_id = p->>'externalId';
    IF FOUND THEN RETURN jsonb_build_object('outcome', 'known'); END IF;
  END IF;

  -- the customer of the strongest known identity (keys come strongest first); found through a key
  -- not locked above (only the strongest is), the customer row is held against an erasure and the
  -- identities read again, as resolveCustomer does (src/modules/customers/resolve-customer.ts)
  LOOP
    SELECT i.customer_id, k.rank INTO v_customer, v_rank
      FROM jsonb_array_elements(p->'identities') WITH ORDINALITY AS k(key, rank)
      JOIN customer_identities i ON i.kind = k.key->>'kind' AND i.channel = k.key->>'channel' AND i.value = k.key->>'value'
      ORDER BY k.rank LIMIT 1;
    EXIT WHEN v_customer IS NULL OR v_rank = 1 OR v_customer = ANY (v_held);
    v_held := v_held || v_customer;
    PERFORM 1 FROM customers WHERE id = v_customer FOR KEY SHARE;
  END LOOP;

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
