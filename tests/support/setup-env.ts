/**
 * Setup file of the `integration` project (runs in every test worker): applies the local
 * stack's environment so SDK clients and `shared/` code in tests reach the emulators.
 */
import { inject } from 'vitest';
import './context.js';

Object.assign(process.env, inject('env'));
