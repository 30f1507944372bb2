/**
 * The static checks `npm test` runs before vitest — the package.json scripts below, each runnable
 * on its own — all at once: each is mostly one busy core (tsc, knip, depcruise, spectral) or short,
 * so on a 2-CPU machine they take about half as long as one after another. Each check's output is
 * printed whole when it ends, under its name; the exit code is non-zero when any check failed.
 */
import { spawn } from 'node:child_process';

const checks = ['typecheck', 'lint', 'lint:api', 'deps', 'knip'];

function run(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString().trimEnd();
      process.stdout.write(`\n== ${name}: ${ok ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s\n`);
      if (text) process.stdout.write(`${text}\n`);
      resolve(ok);
    });
  });
}

const results = await Promise.all(checks.map(run));
const failed = checks.filter((_, i) => !results[i]);
if (failed.length > 0) {
  console.error(`\nFailed checks: ${failed.join(', ')}`);
  process.exit(1);
}
