import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../setup/browser-packages.ts';
import type { Harness } from './harness.ts';

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
