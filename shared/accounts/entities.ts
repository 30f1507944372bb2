import {
  clientPartition,
  type IndexKeys,
  type KeyQuery,
  nameSortKey,
  type PrimaryKey,
} from '../platform/db/keys.js';

export const Staff = {
  type: 'staff',
  key: (staffId: string): PrimaryKey => ({ PK: `STAFF#${staffId}`, SK: 'STAFF' }),
  indexes: (s: { staffId: string; name: string; role: string; reportsTo?: string }): IndexKeys => ({
    GSI1PK: 'STAFF',
    GSI1SK: nameSortKey(s.name, s.staffId),
    GSI2PK: s.reportsTo ? `REPORTSTO#${s.reportsTo}` : undefined,
    GSI2SK: s.reportsTo ? `STAFF#${s.staffId}` : undefined,
    GSI3PK: `ROLE#${s.role}`,
    GSI3SK: `STAFF#${s.staffId}`,
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'STAFF' }),
  reportingTo: (managerId: string): KeyQuery => ({ index: 'GSI2', partition: `REPORTSTO#${managerId}` }),
  withRole: (role: string): KeyQuery => ({ index: 'GSI3', partition: `ROLE#${role}` }),
} as const;

/** Uniqueness of a staff email, and the sign-in lookup from email to staff id. */
export const StaffEmail = {
  type: 'staffEmail',
  key: (email: string): PrimaryKey => ({ PK: `STAFFEMAIL#${email.toLowerCase()}`, SK: 'STAFFEMAIL' }),
} as const;

export const Client = {
  type: 'client',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'CLIENT' }),
  indexes: (c: { clientId: string; name: string }): IndexKeys => ({
    GSI1PK: 'CLIENTS',
    GSI1SK: nameSortKey(c.name, c.clientId),
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'CLIENTS' }),
  /** Clients whose name starts with `prefix` (as `namePrefix` normalizes it). */
  named: (prefix: string): KeyQuery => ({ index: 'GSI1', partition: 'CLIENTS', sortPrefix: prefix }),
} as const;

/** Uniqueness of a client code (the prefix of its job numbers). */
export const ClientCode = {
  type: 'clientCode',
  key: (code: string): PrimaryKey => ({ PK: `CLIENTCODE#${code}`, SK: 'CLIENTCODE' }),
} as const;

export const Contact = {
  type: 'contact',
  key: (clientId: string, contactId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACT#${contactId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'CONTACT#',
  }),
} as const;

/** Uniqueness of a contact's email within its client (sign-off links go to it). */
export const ContactEmail = {
  type: 'contactEmail',
  key: (clientId: string, email: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CONTACTEMAIL#${email.toLowerCase()}`,
  }),
} as const;

export const Brand = {
  type: 'brand',
  key: (clientId: string, brandId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BRAND#${brandId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({ partition: clientPartition(clientId), sortPrefix: 'BRAND#' }),
} as const;

export const Team = {
  type: 'team',
  key: (clientId: string): PrimaryKey => ({ PK: clientPartition(clientId), SK: 'TEAM' }),
} as const;

/**
 * One item per account-team member: what makes a client visible to that member, and
 * (through GSI1) the list of clients a member works on.
 */
export const TeamMembership = {
  type: 'teamMembership',
  key: (clientId: string, staffId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `MEMBER#${staffId}`,
  }),
  indexes: (m: { clientId: string; staffId: string }): IndexKeys => ({
    GSI1PK: `STAFF#${m.staffId}#CLIENTS`,
    GSI1SK: `CLIENT#${m.clientId}`,
  }),
  clientsOf: (staffId: string): KeyQuery => ({ index: 'GSI1', partition: `STAFF#${staffId}#CLIENTS` }),
} as const;
