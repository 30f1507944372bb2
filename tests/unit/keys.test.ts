import { describe, expect, it } from 'vitest';
import { Brand, Client, Contact, Staff, Team, TeamMembership } from '../../shared/accounts/entities.js';
import { Job, JobSequence } from '../../shared/jobs/entities.js';
import { nameSortKey } from '../../shared/platform/db/keys.js';
import { ClientEvent, IdempotencyRecord } from '../../shared/platform/entities.js';
import { clientOfScopedId, newId, newScopedId } from '../../shared/platform/ids.js';

describe('single-table keys', () => {
  const clientId = newId();

  it('puts every client-owned item in the client partition', () => {
    const partition = `CLIENT#${clientId}`;
    for (const key of [
      Client.key(clientId),
      Contact.key(clientId, newId()),
      Brand.key(clientId, newId()),
      Team.key(clientId),
      TeamMembership.key(clientId, newId()),
      Job.key(clientId, newScopedId(clientId)),
      JobSequence.key(clientId, 2026),
      ClientEvent.key(clientId, '2026-11-21T00:00:00.000Z', newId()),
    ]) {
      expect(key.PK).toBe(partition);
    }
  });

  it('gives each kind of item its own sort-key prefix, so prefix queries never mix kinds', () => {
    expect(Contact.ofClient(clientId).sortPrefix).toBe('CONTACT#');
    expect(Brand.ofClient(clientId).sortPrefix).toBe('BRAND#');
    expect(ClientEvent.ofClient(clientId).sortPrefix).toBe('EVENT#');
    expect(Contact.key(clientId, 'x').SK.startsWith('CONTACT#')).toBe(true);
    expect(TeamMembership.key(clientId, 'x').SK.startsWith('CONTACT#')).toBe(false);
  });

  it('orders a client’s jobs by status then number on every job index', () => {
    const job = { clientId, brandId: 'B', ownerId: 'O', status: 'open', jobNumber: 'ACME-2026-0001' };
    expect(Job.indexes(job)).toEqual({
      GSI1PK: `CLIENT#${clientId}#JOBS`,
      GSI1SK: 'open#ACME-2026-0001',
      GSI2PK: 'BRAND#B#JOBS',
      GSI2SK: 'open#ACME-2026-0001',
      GSI3PK: 'OWNER#O#JOBS',
      GSI3SK: 'open#ACME-2026-0001',
    });
    expect(Job.ofClient(clientId, 'on_hold')).toEqual({
      index: 'GSI1',
      partition: `CLIENT#${clientId}#JOBS`,
      sortPrefix: 'on_hold#',
    });
  });

  it('indexes staff by name (case-insensitive), manager and role', () => {
    expect(
      Staff.indexes({ staffId: 'S', name: 'Ana Ruiz', role: 'account_manager', reportsTo: 'M' }),
    ).toEqual({
      GSI1PK: 'STAFF',
      GSI1SK: 'ana ruiz\u0001S',
      GSI2PK: 'REPORTSTO#M',
      GSI2SK: 'STAFF#S',
      GSI3PK: 'ROLE#account_manager',
      GSI3SK: 'STAFF#S',
    });
    expect(Staff.indexes({ staffId: 'S', name: 'Ana', role: 'head_of_accounts' }).GSI2PK).toBeUndefined();
  });

  it('scopes idempotency records to the caller', () => {
    expect(IdempotencyRecord.key('A', 'k1')).not.toEqual(IdempotencyRecord.key('B', 'k1'));
  });
});

describe('ids', () => {
  it('are ULIDs in the order made, each with fresh randomness across milliseconds', async () => {
    const ids: string[] = [];
    // Across more than one pool of random bytes (512 bytes: 32 ids' random parts).
    for (let i = 0; i < 40; i++) {
      ids.push(newId());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(10))).size).toBe(ids.length);
  });
});

describe('scoped ids', () => {
  it('carry their client', () => {
    const clientId = newId();
    expect(clientOfScopedId(newScopedId(clientId))).toBe(clientId);
  });

  it.each([
    '',
    'x',
    `${newId()}`,
    `${newId()}_`,
    `${newId()}_${newId()}_${newId()}`,
    'CLIENT#X_Y',
    `${newId().toLowerCase()}_${newId()}`,
  ])('reject malformed id %j', (id) => {
    expect(clientOfScopedId(id)).toBeUndefined();
  });
});

describe('name sort keys', () => {
  it('order a name before its extensions and ignore case', () => {
    const names = ['Test Head 2', 'test head', 'Test Head!', 'Ana', 'ana ruiz'];
    const sorted = [...names].sort((a, b) => (nameSortKey(a, 'X') < nameSortKey(b, 'X') ? -1 : 1));
    expect(sorted.map((n) => n.toLowerCase())).toEqual([...names.map((n) => n.toLowerCase())].sort());
  });
});
