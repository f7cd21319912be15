import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../setup/browser-packages.ts';
import { createHarness, type Harness } from './harness.ts';

/**
 * Debian's headless Chromium (no browser downloads here). Without the background-networking
 * flags it keeps trying to reach Google's hosts, which this machine's closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Makes the harness's app listen on a free loopback port, for a browser to reach; returns its base URL. */
export async function listen(h: Harness): Promise<string> {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(h.app.server.address() as { port: number }).port}`;
}

export interface BrowserFixture {
  /** The app on its own database and queue prefix. */
  readonly h: Harness;
  /** Where the app listens, e.g. `http://127.0.0.1:40123`. */
  readonly base: string;
  readonly browser: Browser;
  /** A new page the size of a phone (the smallest screen agents and customers use). */
  phonePage(): Promise<Page>;
}

/**
 * One browser test file's setup: a harness listening on loopback and one Chromium, made before the
 * file's tests and closed after them (the browser first: it holds connections to the app). Call it
 * at the top of the file; read its fields inside tests. Each launch gets a fresh temporary profile.
 */
export function withBrowser(options: Parameters<typeof createHarness>[0] = {}): BrowserFixture {
  let h: Harness | undefined;
  let base: string | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    h = await createHarness(options);
    base = await listen(h);
    browser = await launchChromium();
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await h?.close();
    }
  });
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`withBrowser(): ${name} exists once beforeAll has run; use it inside a test`);
    return value;
  };
  return {
    get h() {
      return ready(h, 'h');
    },
    get base() {
      return ready(base, 'base');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    phonePage: () => ready(browser, 'browser').newPage({ viewport: { width: 390, height: 844 } }),
  };
}
