/**
 * `npm run token -- <email>`: prints a bearer token for a staff member of the running local
 * stack (nothing else on stdout, so `TOKEN=$(npm run -s token -- head@agency.example)` works).
 * Finds the stack as every companion command does (`running.ts`): `AD_DATA_DIR` if set, else the
 * default `.local/`, else the one stack `npm start` listed as running (any `--data-dir`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { mintStaffToken } from './identity.js';
import { findRunningStack, NoRunningStackError } from './running.js';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const email = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!email) fail('Usage: npm run token -- <email>   (e.g. npm run token -- head@agency.example)');

  let found: ReturnType<typeof findRunningStack>;
  try {
    found = findRunningStack();
  } catch (error) {
    if (error instanceof NoRunningStackError) fail(error.message);
    throw error;
  }
  const { dataDir, stack } = found;
  Object.assign(process.env, stack.env);
  const { findStaffByEmail } = await import('../../shared/accounts/index.js');
  let staff: Awaited<ReturnType<typeof findStaffByEmail>>;
  try {
    staff = await findStaffByEmail(email.toLowerCase());
  } catch (error) {
    fail(
      `Cannot reach DynamoDB Local at ${stack.endpoints?.dynamodb}: ${String(error)}. Is \`npm start\` running?`,
    );
  }
  if (!staff) fail(`No staff member with email ${email} in the local table ${stack.tableName}.`);
  if (!staff.active) console.error(`Warning: ${email} is inactive; the API will refuse this token.`);

  const privateJwk = JSON.parse(readFileSync(join(dataDir, 'identity', 'private.jwk.json'), 'utf8')) as JWK;
  console.log(await mintStaffToken(privateJwk, { staffId: staff.staffId, email: staff.email }));
}

await main();
