import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackages } from '../../src/infra/commands.ts';

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether fontconfig knows a font with Chinese glyphs (screenshots of Chinese text need one). */
const hasChineseFont = () => {
  const listed = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return listed.status === 0 && listed.stdout.trim().length > 0;
};

/**
 * The browser tests drive Debian's Chromium (no browser downloads here) and render Chinese text:
 * installed when missing and we are root with apt, otherwise one line names the packages.
 */
export function ensureBrowserPackages(): string[] {
  return ensureDebianPackages(
    [
      { pkg: 'chromium', present: () => existsSync(chromiumPath()) },
      { pkg: 'fonts-noto-cjk', present: hasChineseFont },
    ],
    'npm test',
  ).installed;
}
