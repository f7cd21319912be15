-- A target breached by its timer used to be left without completed_at when the reply or solve
-- came late, and the ticket dropped out of the queue by urgency (ticket_sla_due) at the breach.
-- From now on a breached target stays owed until answered. Rows written before: record the late
-- answer where one exists (the first public agent reply after the wait began; the solve for a
-- resolution target), with wall-clock elapsed time (the business clock of then is not known
-- here), then put every ticket still owed an answer back in the queue.
UPDATE sla_targets t SET completed_at = m.first_at,
  elapsed_ms = greatest(0, (extract(epoch FROM m.first_at - t.started_at) * 1000)::bigint - t.paused_ms)
FROM (
  SELECT s.id, (SELECT min(msg.created_at) FROM messages msg
    WHERE msg.ticket_id = s.ticket_id AND msg.author = 'agent' AND msg.visibility = 'public' AND msg.created_at >= s.started_at) AS first_at
  FROM sla_targets s WHERE s.status = 'breached' AND s.completed_at IS NULL AND s.metric <> 'resolution'
) m
WHERE t.id = m.id AND m.first_at IS NOT NULL;--> statement-breakpoint
UPDATE sla_targets t SET completed_at = k.solved_at,
  elapsed_ms = greatest(0, (extract(epoch FROM k.solved_at - t.started_at) * 1000)::bigint - t.paused_ms)
FROM tickets k
WHERE k.id = t.ticket_id AND t.status = 'breached' AND t.completed_at IS NULL AND t.metric = 'resolution'
  AND k.status IN ('solved', 'closed') AND k.solved_at IS NOT NULL AND k.solved_at >= t.started_at;--> statement-breakpoint
INSERT INTO ticket_sla_due (ticket_id, next_due_at)
SELECT s.ticket_id, min(s.due_at) FROM sla_targets s
JOIN tickets k ON k.id = s.ticket_id AND k.status NOT IN ('solved', 'closed', 'pending', 'on_hold')
WHERE s.status = 'breached' AND s.completed_at IS NULL
GROUP BY s.ticket_id
ON CONFLICT (ticket_id) DO UPDATE SET next_due_at = least(ticket_sla_due.next_due_at, excluded.next_due_at);
