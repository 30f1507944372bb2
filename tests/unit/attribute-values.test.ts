import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall as sdkMarshall, unmarshall as sdkUnmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marshall, unmarshall } from '../../shared/platform/db/client.js';
import { storageAttributes } from '../../shared/platform/db/keys.js';
import { fromItem } from '../../shared/platform/db/table.js';

describe('unmarshall', () => {
  it('reads every attribute type as the SDK does', () => {
    const item: Record<string, AttributeValue> = {
      s: { S: 'text' },
      n: { N: '12.5' },
      big: { N: '12345678901234567890' },
      yes: { BOOL: true },
      none: { NULL: true },
      bytes: { B: new Uint8Array([1, 2]) },
      list: { L: [{ S: 'a' }, { N: '1' }, { M: { x: { BOOL: false } } }] },
      map: { M: { inner: { L: [] }, deeper: { M: { n: { N: '-3' } } } } },
      strings: { SS: ['a', 'b'] },
      numbers: { NS: ['1', '2.5'] },
      binaries: { BS: [new Uint8Array([3])] },
    };
    expect(unmarshall(item)).toEqual(sdkUnmarshall(item));
  });

  it('round-trips plain JSON-like items like the SDK', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double({ min: -1e15, max: 1e15, noNaN: true }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('any'), { maxKeys: 4 }),
      ),
    })).any;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 6 }), (item) => {
        const attributes = sdkMarshall(item, { removeUndefinedValues: true });
        expect(unmarshall(attributes)).toEqual(sdkUnmarshall(attributes));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an attribute value of no known type', () => {
    expect(() => unmarshall({ odd: {} as AttributeValue })).toThrow(/Unsupported attribute value/);
  });
});

describe('marshall', () => {
  const sdk = (item: Record<string, unknown>) =>
    sdkMarshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false });

  it('writes every value type as the SDK does, undefined and functions left out', () => {
    const item = {
      s: 'text',
      empty: '',
      n: 12.5,
      negative: -0,
      largest: Number.MAX_SAFE_INTEGER,
      big: 12345678901234567890n,
      yes: true,
      none: null,
      missing: undefined,
      method: () => 1,
      bytes: new Uint8Array([1, 2]),
      list: ['a', 1, undefined, { x: false, y: undefined }, [null]],
      map: { inner: [], deeper: { n: -3 } },
      bare: Object.assign(Object.create(null), { k: 'v' }),
      strings: new Set(['a', 'b']),
      numbers: new Set([1, 2.5]),
    };
    expect(marshall(item)).toEqual(sdk(item));
  });

  it('refuses what the SDK refuses', () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.MAX_SAFE_INTEGER + 2,
      new Date(0),
      new Set(),
    ]) {
      expect(() => sdk({ value })).toThrow();
      expect(() => marshall({ value })).toThrow();
    }
  });

  it('writes plain JSON-like items like the SDK', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), tie('any'), { maxKeys: 4 }),
      ),
    })).any;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 6 }), (item) => {
        expect(marshall(item)).toEqual(sdk(item));
      }),
      { numRuns: 300 },
    );
  });
});

describe('unmarshall leaving attributes out', () => {
  it('reads a view in one pass: the item as fromItem leaves it', () => {
    const item: Record<string, AttributeValue> = {
      PK: { S: 'CLIENT#1' },
      SK: { S: 'JOB#2' },
      GSI1PK: { S: 'CLIENT#1#JOBS' },
      itemType: { S: 'job' },
      jobId: { S: '2' },
      budget: { M: { amountMinor: { N: '1200' } } },
      statusHistory: { L: [{ M: { to: { S: 'open' } } }] },
    };
    const storage = new Set<string>(storageAttributes);
    expect(unmarshall(item, storage)).toEqual(fromItem(unmarshall(item)));
    expect(unmarshall(item, storage)).toEqual({
      jobId: '2',
      budget: { amountMinor: 1200 },
      statusHistory: [{ to: 'open' }],
    });
  });
});

describe('fromItem', () => {
  it('leaves out the storage attributes and keeps the rest', () => {
    const view = fromItem<Record<string, unknown>>({
      PK: 'CLIENT#1',
      SK: 'EVENT#2',
      GSI1PK: 'x',
      itemType: 'ClientEvent',
      taskToken: 'secret',
      eventId: 'e1',
      changes: { title: { from: 'a', to: 'b' } },
    });
    expect(view).toEqual({ eventId: 'e1', changes: { title: { from: 'a', to: 'b' } } });
  });
});
