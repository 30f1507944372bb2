import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

/**
 * The client record's items in the single table (docs/data-model.md, "Client record").
 */

// ---------------------------------------------------------------------------------------------
// Competitive activity, pitches, staff evaluations (issue 15 §3–§5)
// ---------------------------------------------------------------------------------------------

/** A normalized category: what "the same category" compares (case and spacing folded). */
export const categoryKey = (category: string): string => category.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A competitor's advertising seen in the market, or a store check: under the client it was
 * gathered for; by category and first day seen (GSI1) for the share of voice of a period.
 */
export const CompetitiveEntry = {
  type: 'competitiveEntry',
  key: (clientId: string, entryId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `COMPETITIVE#${entryId}`,
  }),
  indexes: (e: { clientId: string; entryId: string; category: string; seenFrom: string }): IndexKeys => ({
    GSI1PK: `CLIENT#${e.clientId}#COMPETITIVE#${categoryKey(e.category)}`,
    GSI1SK: `${e.seenFrom}#${e.entryId}`,
  }),
  ofCategory: (clientId: string, category: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CLIENT#${clientId}#COMPETITIVE#${categoryKey(category)}`,
  }),
} as const;

/** A brief citing a competitive entry (both the client's): kept here, above traffic, so briefs stay unaware. */
export const BriefCitation = {
  type: 'briefCitation',
  key: (clientId: string, briefId: string, entryId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BRIEFCITATION#${briefId}#${entryId}`,
  }),
  ofClient: (clientId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: 'BRIEFCITATION#',
  }),
  ofBrief: (clientId: string, briefId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `BRIEFCITATION#${briefId}#`,
  }),
} as const;

/** A new-business pitch: the agency's, not a client's (the prospect is not a client yet). */
export const Pitch = {
  type: 'pitch',
  key: (pitchId: string): PrimaryKey => ({ PK: `PITCH#${pitchId}`, SK: 'PITCH' }),
  indexes: (p: { pitchId: string; pitchDate: string }): IndexKeys => ({
    GSI1PK: 'PITCHES',
    GSI1SK: `${p.pitchDate}#${p.pitchId}`,
  }),
  all: (): KeyQuery => ({ index: 'GSI1', partition: 'PITCHES' }),
} as const;

/** A staff evaluation: one per person per period, in the evaluated person's partition. */
export const StaffEvaluation = {
  type: 'staffEvaluation',
  key: (staffId: string, period: string): PrimaryKey => ({
    PK: `STAFF#${staffId}`,
    SK: `EVALUATION#${period}`,
  }),
  ofStaff: (staffId: string): KeyQuery => ({ partition: `STAFF#${staffId}`, sortPrefix: 'EVALUATION#' }),
} as const;
