import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * A fresh database for one test file, cloned from the migrated template: files never share
 * rows, and nothing is truncated between them.
 */
export async function cloneTemplateDatabase(templateUrl: string): Promise<string> {
  const template = new URL(templateUrl);
  const templateName = template.pathname.slice(1);
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new URL(templateUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
        break;
      } catch (error) {
        // Two files cloning at the same instant: the template is briefly "in use".
        if (attempt > 20 || !String((error as Error).message).includes('being accessed')) throw error;
        await sleep(100 + Math.random() * 200);
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
