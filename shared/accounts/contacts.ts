import { clientAuditEvent } from '../platform/audit.js';
import {
  deleteItem,
  fromItem,
  type Page,
  putIfVersion,
  putNew,
  queryPage,
  transact,
} from '../platform/db/table.js';
import { conflict, notFound, versionConflict } from '../platform/errors.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newId } from '../platform/ids.js';
import { newRecord, patched, storedItem } from '../platform/records.js';
import { authorize, openClient, openClientWith, transactAs } from './access.js';
import { Contact, ContactEmail } from './entities.js';
import type { Contact as ContactView, CreateContactInput, UpdateContactInput } from './schemas/contacts.js';

const duplicateEmail = () =>
  conflict('duplicate_email', 'Another contact of this client has this email.', 'body.email');

const emailMarker = (clientId: string, email: string, contactId: string) => ({
  ...ContactEmail.key(clientId, email),
  itemType: ContactEmail.type,
  contactId,
});

export async function createContact(
  actorId: string,
  clientId: string,
  input: CreateContactInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<ContactView>(
    actorId,
    idempotency,
    async (remember) => {
      const contactId = newId();
      const item = newRecord(
        Contact.type,
        Contact.key(clientId, contactId),
        {},
        {
          contactId,
          clientId,
          ...input,
          active: true,
        },
      );
      const view = fromItem<ContactView>(item);
      // The email's marker is the uniqueness check: a taken address fails its condition.
      await transactAs(actorId, { action: 'contact.manage', clientId }, [
        putNew(item),
        putNew(emailMarker(clientId, input.email, contactId), duplicateEmail),
        clientAuditEvent(clientId, {
          actorId,
          action: 'contact.created',
          entityType: 'contact',
          entityId: contactId,
          after: item,
        }),
        ...remember(view),
      ]);
      return view;
    },
    // The transaction is the whole create: a replay is found by its record's condition.
    { lookFirst: false },
  );
}

export async function listContacts(
  actorId: string,
  clientId: string,
  page: { limit: number; nextToken?: string },
): Promise<Page<ContactView>> {
  const { result } = await openClientWith(actorId, clientId, () =>
    queryPage(Contact.ofClient(clientId), page),
  );
  return { items: result.items.map((i) => fromItem<ContactView>(i)), nextToken: result.nextToken };
}

export async function getContact(actorId: string, clientId: string, contactId: string): Promise<ContactView> {
  const { items } = await openClient(actorId, clientId, [Contact.key(clientId, contactId)]);
  if (!items[0]) throw notFound('Contact');
  return fromItem<ContactView>(items[0]);
}

export async function updateContact(
  actorId: string,
  clientId: string,
  contactId: string,
  expectedVersion: number,
  patch: UpdateContactInput,
): Promise<ContactView> {
  const { caller, items } = await openClient(actorId, clientId, [Contact.key(clientId, contactId)]);
  authorize(caller, 'contact.manage');
  if (!items[0]) throw notFound('Contact');
  const current = fromItem<ContactView>(items[0]);
  if (current.version !== expectedVersion) throw versionConflict('This contact', expectedVersion);
  const emailChanged = patch.email !== undefined && patch.email !== current.email;
  // A new address has not bounced: its mark goes with the old one.
  const next = patched(current, emailChanged ? { ...patch, mailStatus: null } : patch);
  const item = storedItem(Contact.type, Contact.key(clientId, contactId), {}, next);
  await transact([
    putIfVersion(item, expectedVersion, () => versionConflict('This contact', expectedVersion)),
    ...(emailChanged
      ? [
          deleteItem(ContactEmail.key(clientId, current.email)),
          putNew(emailMarker(clientId, next.email, contactId), duplicateEmail),
        ]
      : []),
    clientAuditEvent(clientId, {
      actorId,
      action: 'contact.updated',
      entityType: 'contact',
      entityId: contactId,
      before: current,
      after: next,
    }),
  ]);
  return fromItem<ContactView>(item);
}
