// The SDK's generator (openapi/sdk): its own node_modules, installed on first use from its own
// lockfile (the npm registry only), because the generator needs TypeScript 5's compiler API and
// the service compiles with TypeScript 7. Used by `npm run openapi` and the SDK drift test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SDK_DIR = fileURLToPath(new URL('../openapi/sdk/', import.meta.url));
const GENERATOR = '@hey-api/openapi-ts';

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
}

/** The version the SDK's lockfile pins, and the one installed (undefined when none is). */
function generatorVersions(): { locked: string; installed: string | undefined } {
  const lock = JSON.parse(readFileSync(`${SDK_DIR}package-lock.json`, 'utf8')) as { packages: Record<string, { version: string }> };
  const installedManifest = `${SDK_DIR}node_modules/${GENERATOR}/package.json`;
  const installed = existsSync(installedManifest) ? (JSON.parse(readFileSync(installedManifest, 'utf8')) as { version: string }).version : undefined;
  return { locked: lock.packages[`node_modules/${GENERATOR}`]!.version, installed };
}

/** Installs the SDK's dev dependencies when they are missing or not the locked ones. */
export function ensureSdkGenerator(): void {
  const { locked, installed } = generatorVersions();
  if (installed === locked) return;
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], SDK_DIR);
}

/** Generates the SDK's client from `input` into `output` (default: the committed src/generated). */
export function generateSdk(input: string, output?: string): void {
  ensureSdkGenerator();
  run(process.execPath, [`${SDK_DIR}scripts/generate.mjs`, '--input', input, ...(output ? ['--output', output] : [])], SDK_DIR);
}
