import { describe, expect, it } from 'vitest';
import { alongside } from '../../shared/accounts/access.js';
import { badRequest, notFound } from '../../shared/platform/errors.js';

const later = <T>(ms: number, outcome: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    }, ms),
  );

describe('a read alongside an access check', () => {
  it('answers with the refusal even when the read failed first (its error says nothing)', async () => {
    const read = () =>
      Promise.reject(badRequest('invalid_next_token', 'nextToken is not valid for this list.'));
    await expect(
      alongside(
        later(20, () => {
          throw notFound('Client');
        }),
        read,
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('answers with the refusal without waiting for the read', async () => {
    let readDone = false;
    await expect(
      alongside(
        later(5, () => {
          throw notFound('Client');
        }),
        () => later(200, () => (readDone = true)),
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect(readDone).toBe(false);
  });

  it('starts the read before the check settles, and gives both once the check passed', async () => {
    let readStarted = false;
    const result = await alongside(
      later(10, () => {
        expect(readStarted).toBe(true);
        return 'caller';
      }),
      async () => {
        readStarted = true;
        return ['item'];
      },
    );
    expect(result).toEqual({ checked: 'caller', read: ['item'] });
  });
});
