/**
 * `npm run token -- <email>`: prints a bearer token for a staff member of the running local
 * stack (nothing else on stdout, so `TOKEN=$(npm run -s token -- head@agency.example)` works).
 * Reads `<data dir>/stack.json` (AD_DATA_DIR, default `.local/`) written by `npm start`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { mintStaffToken } from './identity.js';
import { defaultDataDir, type StackInfo, stackFile } from './stack.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const email = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!email) fail('Usage: npm run token -- <email>   (e.g. npm run token -- head@agency.example)');

  const dataDir = process.env.AD_DATA_DIR ? resolve(process.env.AD_DATA_DIR) : defaultDataDir;
  const file = stackFile(dataDir);
  if (!existsSync(file))
    fail('The local stack is not running: start it with `npm start`, then run this again.');
  const stack = JSON.parse(readFileSync(file, 'utf8')) as StackInfo & { env: Record<string, string> };
  try {
    process.kill(stack.pid, 0);
  } catch {
    fail(`The local stack is not running (stale ${file}): start it with \`npm start\`.`);
  }

  Object.assign(process.env, stack.env);
  const { findStaffByEmail } = await import('../../shared/accounts/index.js');
  let staff: Awaited<ReturnType<typeof findStaffByEmail>>;
  try {
    staff = await findStaffByEmail(email.toLowerCase());
  } catch (error) {
    fail(
      `Cannot reach DynamoDB Local at ${stack.endpoints.dynamodb}: ${String(error)}. Is \`npm start\` running?`,
    );
  }
  if (!staff) fail(`No staff member with email ${email} in the local table ${stack.tableName}.`);
  if (!staff.active) console.error(`Warning: ${email} is inactive; the API will refuse this token.`);

  const privateJwk = JSON.parse(readFileSync(join(dataDir, 'identity', 'private.jwk.json'), 'utf8')) as JWK;
  console.log(await mintStaffToken(privateJwk, { staffId: staff.staffId, email: staff.email }));
}

await main();
