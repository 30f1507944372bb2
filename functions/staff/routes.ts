import * as z from 'zod';
import {
  activityEventSchema,
  createStaffSchema,
  staffListQuery,
  staffParams,
  staffSchema,
  updateMeSchema,
  updateStaffSchema,
} from '../../shared/accounts/index.js';
import { listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

export const staffRoutes = {
  createStaff: defineRoute({
    method: 'POST',
    path: '/staff',
    operationId: 'createStaff',
    summary: 'Appoint a staff member (head of account services only).',
    body: createStaffSchema,
    idempotent: true,
    response: { status: 201, description: 'The new staff member.', schema: staffSchema },
  }),
  listStaff: defineRoute({
    method: 'GET',
    path: '/staff',
    operationId: 'listStaff',
    summary: 'The agency staff directory, by name; filter by role or by manager.',
    query: staffListQuery,
    response: { status: 200, description: 'A page of staff.', schema: listOf(staffSchema, 'StaffPage') },
  }),
  getStaff: defineRoute({
    method: 'GET',
    path: '/staff/{staffId}',
    operationId: 'getStaff',
    summary: 'One staff member.',
    params: staffParams,
    response: { status: 200, description: 'The staff member.', schema: staffSchema },
  }),
  updateStaff: defineRoute({
    method: 'PATCH',
    path: '/staff/{staffId}',
    operationId: 'updateStaff',
    summary: 'Change role, reporting line, name or activation (head only; applies at once; audited).',
    params: staffParams,
    body: updateStaffSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The staff member after the change.', schema: staffSchema },
  }),
  listStaffActivity: defineRoute({
    method: 'GET',
    path: '/staff/{staffId}/activity',
    operationId: 'listStaffActivity',
    summary: "A staff member's audit trail, newest first (head, or the person themselves).",
    params: staffParams,
    query: z.strictObject({ limit: staffListQuery.shape.limit, nextToken: staffListQuery.shape.nextToken }),
    response: {
      status: 200,
      description: 'A page of events.',
      schema: listOf(activityEventSchema, 'StaffActivityPage'),
    },
  }),
  getMe: defineRoute({
    method: 'GET',
    path: '/me',
    operationId: 'getMe',
    summary: 'The signed-in staff member.',
    response: { status: 200, description: 'The caller.', schema: staffSchema },
  }),
  updateMe: defineRoute({
    method: 'PATCH',
    path: '/me',
    operationId: 'updateMe',
    summary: 'Change your own preferences (the language of the console and of your emails).',
    body: updateMeSchema,
    response: { status: 200, description: 'The caller after the change.', schema: staffSchema },
  }),
};
