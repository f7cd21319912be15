/** A page of a list operation: `{ data, nextCursor }` (null on the last page). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** One page fetched for a cursor (undefined: the first page), as the client's calls answer it. */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<{ data: Page<T> }>;

/**
 * Every page of a list, following `nextCursor`:
 * `for await (const page of pages((cursor) => api.listTickets({ query: { status: ['open'], cursor } })))`.
 */
export async function* pages<T>(fetchPage: PageFetcher<T>): AsyncGenerator<Page<T>, void, undefined> {
  let cursor: string | undefined;
  do {
    const { data: page } = await fetchPage(cursor);
    yield page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** Every item of a list across its pages; stop early with `break`, no page more is fetched. */
export async function* each<T>(fetchPage: PageFetcher<T>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages(fetchPage)) yield* page.data;
}
