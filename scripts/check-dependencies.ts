// `npm run check:deps`: the installed dependency tree is valid and honest about Node versions.
// 1. `npm ls --all` exits 0 (no missing, invalid or extraneous package).
// 2. Every installed package (runtime and dev, nested ones included: dev tools run on the CI
//    machine's Node too) that declares `engines.node` supports every Node version the project's
//    own `engines.node` promises. npm only warns (EBADENGINE) about this, and only for the Node
//    version it happens to run on; this checks the whole promised range.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';

interface InstalledPackage {
  /** Folder relative to the project, e.g. `node_modules/vitest/node_modules/vite`. */
  location: string;
  name: string;
  version: string;
  /** `engines.node` as written; `undefined` when the package makes no claim. */
  engineNode: unknown;
}

interface EngineOffender {
  pkg: InstalledPackage;
  reason: string;
}

/** Pure: the packages whose `engines.node` does not cover all of `projectRange`. */
function findEngineOffenders(projectRange: string, packages: InstalledPackage[]): EngineOffender[] {
  const offenders: EngineOffender[] = [];
  for (const pkg of packages) {
    if (pkg.engineNode === undefined) continue;
    // npm compares a non-string or unparsable value as a range too, and it never matches.
    if (typeof pkg.engineNode !== 'string' || semver.validRange(pkg.engineNode) === null) {
      offenders.push({ pkg, reason: `unreadable engines.node ${JSON.stringify(pkg.engineNode)}` });
    } else if (!semver.subset(projectRange, pkg.engineNode)) {
      offenders.push({ pkg, reason: `engines.node ${JSON.stringify(pkg.engineNode)} does not cover "${projectRange}"` });
    }
  }
  return offenders;
}

async function readManifest(folder: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined; // not a package folder (or a broken one, which `npm ls` reports)
  }
}

/** Every package folder under `nodeModules`, scoped (`@scope/name`) and nested ones included. */
async function listInstalledPackages(projectRoot: string, nodeModules: string): Promise<InstalledPackage[]> {
  let entries;
  try {
    entries = await readdir(nodeModules, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: InstalledPackage[] = [];
  for (const entry of entries) {
    // `.bin`, `.package-lock.json`, `.cache`… are npm's bookkeeping, not packages.
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
    const folder = path.join(nodeModules, entry.name);
    const folders = entry.name.startsWith('@')
      ? (await readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join(folder, e.name))
      : [folder];
    for (const packageFolder of folders) {
      const manifest = await readManifest(packageFolder);
      if (manifest) {
        const engines = manifest.engines as Record<string, unknown> | undefined;
        found.push({
          location: path.relative(projectRoot, packageFolder),
          name: String(manifest.name ?? path.relative(nodeModules, packageFolder)),
          version: String(manifest.version ?? '?'),
          engineNode: engines && typeof engines === 'object' ? engines.node : undefined,
        });
      }
      found.push(...(await listInstalledPackages(projectRoot, path.join(packageFolder, 'node_modules'))));
    }
  }
  return found;
}

/** `npm ls --all`'s problems (its stderr), or `undefined` when it exits 0. */
function npmLsProblems(projectRoot: string): string | undefined {
  const result = spawnSync('npm', ['ls', '--all'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error) return `could not run npm ls: ${result.error.message}`;
  if (result.status === 0) return undefined;
  const problems = result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('A complete log of this run'))
    .join('\n');
  return problems || `npm ls --all exited with ${result.status}`;
}

const projectRoot = path.resolve(import.meta.dirname, '..');
const projectManifest = await readManifest(projectRoot);
const projectRange = (projectManifest?.engines as Record<string, unknown> | undefined)?.node;
if (typeof projectRange !== 'string' || semver.validRange(projectRange) === null) {
  process.stderr.write('check:deps: package.json has no valid engines.node to check against\n');
  process.exit(1);
}

const lsProblems = npmLsProblems(projectRoot);
// One stream, so that the problems and the summary print in order.
if (lsProblems) process.stdout.write(`${lsProblems}\n`);

const installed = await listInstalledPackages(projectRoot, path.join(projectRoot, 'node_modules'));
const offenders = findEngineOffenders(projectRange, installed);
for (const { pkg, reason } of offenders) {
  process.stdout.write(`${pkg.location} (${pkg.name}@${pkg.version}): ${reason}\n`);
}

const declaring = installed.filter((p) => p.engineNode !== undefined).length;
const lsSummary = lsProblems ? 'npm ls --all FAILED' : 'npm ls --all ok';
const enginesSummary = `${offenders.length} of ${installed.length} installed packages (${declaring} declare engines.node) do not support node "${projectRange}"`;
process.stdout.write(`check:deps: ${lsSummary}; ${enginesSummary}\n`);
if (lsProblems || offenders.length > 0) process.exitCode = 1;
