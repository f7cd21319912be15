import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSdkGenerator, generateSdk, SDK_DIR } from '../../scripts/sdk-generator.ts';

/**
 * openapi/sdk/src/generated is what the generator makes of the committed document (regenerated
 * into a temporary folder and compared file by file), and the SDK compiles under `strict` with its
 * own compiler (TypeScript 5, the generator's; the service's TypeScript 7 checks it in `npm test` too).
 */
const DOCUMENT = new URL('../../openapi/openapi.json', import.meta.url).pathname;
const COMMITTED = join(SDK_DIR, 'src', 'generated');
let scratch: string;

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(dir, path), await readFile(path, 'utf8'));
    }
  };
  await walk(dir);
  return out;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'sdk-drift-'));
  ensureSdkGenerator();
}, 180_000);
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('openapi/sdk', () => {
  it('is what the generator makes of openapi/openapi.json (run `npm run openapi` and commit when this fails)', async () => {
    generateSdk(DOCUMENT, scratch);
    const fresh = await filesUnder(scratch);
    const committed = await filesUnder(COMMITTED);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, text] of fresh) expect(committed.get(path), path).toBe(text);
  }, 120_000);

  it('compiles under strict with its own TypeScript', () => {
    const tsc = join(SDK_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', join(SDK_DIR, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
