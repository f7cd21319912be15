import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = new URL('../../node_modules/@redocly/cli/bin/cli.js', import.meta.url).pathname;

type LintReport = { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] };

/** `npm run lint:openapi` as a test: the committed contract passes Redocly's recommended rules (redocly.yaml) with nothing to say. */
describe('openapi/openapi.json lint', () => {
  it('has 0 errors and 0 warnings under redocly.yaml', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'lint', 'openapi/openapi.json', '--format=json'], {
      cwd: ROOT,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as LintReport;
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
