#!/usr/bin/env node
// Runs one command as a child and makes sure it never outlives the local runner: when the
// IPC channel to the parent closes (normal stop, Ctrl-C, or the parent crashing or being
// killed), the child is terminated. Usage (from the runner): fork guard.mjs <cmd> [args...]
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: guard.mjs <command> [args...]');
  process.exit(2);
}
const child = spawn(command, args, { stdio: 'inherit' });
const running = () => child.exitCode === null && child.signalCode === null;
const stop = (signal = 'SIGTERM') => {
  if (running()) child.kill(signal);
  setTimeout(() => running() && child.kill('SIGKILL'), 5000).unref();
};
child.on('error', (error) => {
  console.error(`[guard] cannot start ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.on('disconnect', () => stop());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop('SIGTERM'));
