ALTER TABLE "messages" ADD COLUMN "search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search");--> statement-breakpoint
-- Custom: the lexemes come from our own tokeniser (src/modules/search), which SQL cannot run, so
-- rows written before this migration keep their ticket-wide vector in tickets.search (still found,
-- word by word over the whole ticket) and empty message vectors until `npm run search:rebuild`
-- re-tokenises them (subjects into tickets.search, each body into its messages.search).
SELECT 1;
