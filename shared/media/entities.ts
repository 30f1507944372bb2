import { clientPartition, type IndexKeys, type KeyQuery, type PrimaryKey } from '../platform/db/keys.js';

const planStageOrder = { recommendation: 1, master_plan: 2, monthly_schedule: 3 } as const;

/**
 * A media campaign of a job. GSI1 lists a job's campaigns; GSI2 holds the campaign, by the day
 * its post-campaign analysis is due, until that analysis exists (a sparse index the daily
 * job reads instead of scanning).
 */
export const MediaCampaign = {
  type: 'mediaCampaign',
  key: (clientId: string, campaignId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}`,
  }),
  indexes: (c: {
    jobId: string;
    campaignId: string;
    reportDueOn: string;
    lastReportAt?: string;
  }): IndexKeys => ({
    GSI1PK: `JOB#${c.jobId}#CAMPAIGNS`,
    GSI1SK: `CAMPAIGN#${c.campaignId}`,
    ...(c.lastReportAt ? {} : { GSI2PK: 'REPORTDUE', GSI2SK: `${c.reportDueOn}#${c.campaignId}` }),
  }),
  ofJob: (jobId: string): KeyQuery => ({ index: 'GSI1', partition: `JOB#${jobId}#CAMPAIGNS` }),
  reportsDue: (): KeyQuery => ({ index: 'GSI2', partition: 'REPORTDUE' }),
} as const;

/** The versions of a campaign's media brief (append-only). */
export const MediaBriefVersion = {
  type: 'mediaBriefVersion',
  key: (clientId: string, campaignId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#BRIEF#${String(number).padStart(4, '0')}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#BRIEF#`,
  }),
} as const;

/**
 * One plan of a campaign (its recommendation, its master plan, or one month's schedule), with
 * its versions under the same prefix. GSI1 lists a campaign's plans in stage order.
 */
export const MediaPlan = {
  type: 'mediaPlan',
  key: (clientId: string, planId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `MEDIAPLAN#${planId}`,
  }),
  indexes: (p: { campaignId: string; planId: string; kind: string; month?: string }): IndexKeys => ({
    GSI1PK: `CAMPAIGN#${p.campaignId}#PLANS`,
    GSI1SK: `${planStageOrder[p.kind as keyof typeof planStageOrder] ?? 9}#${p.month ?? '-'}#${p.planId}`,
  }),
  withVersions: (clientId: string, planId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `MEDIAPLAN#${planId}`,
  }),
  ofCampaign: (campaignId: string): KeyQuery => ({
    index: 'GSI1',
    partition: `CAMPAIGN#${campaignId}#PLANS`,
  }),
} as const;

/** One campaign has one plan per stage (and per month for schedules): this marker names it. */
export const MediaPlanSlot = {
  type: 'mediaPlanSlot',
  key: (clientId: string, campaignId: string, kind: string, month?: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#PLANSLOT#${kind}#${month ?? '-'}`,
  }),
} as const;

export const MediaPlanVersion = {
  type: 'mediaPlanVersion',
  key: (clientId: string, planId: string, number: number): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `MEDIAPLAN#${planId}#V#${String(number).padStart(4, '0')}`,
  }),
} as const;

/** A booking (insertion order) of a campaign; its campaign's bookings share a sort-key prefix. */
export const Booking = {
  type: 'booking',
  key: (clientId: string, campaignId: string, bookingId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#BOOKING#${bookingId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#BOOKING#`,
  }),
} as const;

/** A plan line is booked once: this marker holds the booking that took it. */
export const BookedLine = {
  type: 'bookedLine',
  key: (clientId: string, planId: string, version: number, lineId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `BOOKEDLINE#${planId}#${String(version).padStart(4, '0')}#${lineId}`,
  }),
} as const;

/** A monitoring import (CSV upload or JSON rows) of a campaign: its counts and rejected rows. */
export const MonitoringImport = {
  type: 'monitoringImport',
  key: (clientId: string, campaignId: string, importId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#IMPORT#${importId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#IMPORT#`,
  }),
} as const;

/**
 * Delivered media, one item per monitoring row, in the campaign's own partition ordered by
 * date: reports and discrepancy checks stream it page by page, never with a Scan.
 */
export const DeliveryRow = {
  type: 'deliveryRow',
  key: (campaignId: string, date: string, importId: string, row: number): PrimaryKey => ({
    PK: `CAMPAIGN#${campaignId}#DELIVERY`,
    SK: `${date}#${importId}#${String(row).padStart(7, '0')}`,
  }),
  ofCampaign: (campaignId: string): KeyQuery => ({ partition: `CAMPAIGN#${campaignId}#DELIVERY` }),
} as const;

/** A discrepancy between a booking and what was delivered (under-delivery, missed spots, wrong dates). */
export const Discrepancy = {
  type: 'discrepancy',
  key: (clientId: string, campaignId: string, discrepancyId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#DISCREPANCY#${discrepancyId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#DISCREPANCY#`,
  }),
} as const;

/** What a booking's vendor needs delivered (format, size or duration, deadline) and the draft version that answers it. */
export const MaterialRequisition = {
  type: 'materialRequisition',
  key: (clientId: string, campaignId: string, bookingId: string, requisitionId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#MATERIAL#${bookingId}#${requisitionId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#MATERIAL#`,
  }),
  /** GSI2 holds a requisition by its deadline only while it is open (the sparse index the warnings read). */
  indexes: (m: { requisitionId: string; deliveryDeadline: string; status: string }): IndexKeys =>
    m.status === 'open'
      ? { GSI2PK: 'MATERIAL#OPEN', GSI2SK: `${m.deliveryDeadline}#${m.requisitionId}` }
      : {},
  /** Open requisitions by delivery deadline, across clients (the daily warning job; sparse). */
  openByDeadline: (): KeyQuery => ({ index: 'GSI2', partition: 'MATERIAL#OPEN' }),
} as const;

/** A generated post-campaign analysis (HTML and CSV in S3). */
export const CampaignReport = {
  type: 'campaignReport',
  key: (clientId: string, campaignId: string, reportId: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#REPORT#${reportId}`,
  }),
  ofCampaign: (clientId: string, campaignId: string): KeyQuery => ({
    partition: clientPartition(clientId),
    sortPrefix: `CAMPAIGN#${campaignId}#REPORT#`,
  }),
} as const;

/** The task token of a campaign's media chain while it waits for a stage's confirmation (never leaves the server). */
export const ChainToken = {
  type: 'chainToken',
  key: (clientId: string, campaignId: string, stage: string): PrimaryKey => ({
    PK: clientPartition(clientId),
    SK: `CAMPAIGN#${campaignId}#CHAINTOKEN#${stage}`,
  }),
} as const;
