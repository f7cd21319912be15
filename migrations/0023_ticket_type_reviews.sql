-- A person answering the model's doubt: changing a classified ticket's type (a correction, as
-- before) or confirming it (POST /v1/tickets/{id}/classification/confirm, new). "Needs review"
-- becomes a column test instead of a lookup in classification_corrections per ticket.
ALTER TABLE "tickets" ADD COLUMN "type_reviewed_at" timestamp with time zone;--> statement-breakpoint
-- Tickets corrected before this migration were reviewed at their first correction.
UPDATE tickets t SET type_reviewed_at = c.first_at
FROM (SELECT ticket_id, min(created_at) AS first_at FROM classification_corrections GROUP BY ticket_id) c
WHERE c.ticket_id = t.id;
