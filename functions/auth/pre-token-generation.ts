import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { findStaffByEmail } from '../../shared/accounts/index.js';
import { instrumented } from '../lambda-handler.js';

/**
 * Cognito pre-token-generation trigger: only active staff of the agency get tokens, and
 * their ID token carries `staff_id`, the key the API resolves the caller by. Roles are
 * not put in the token: they are read from the table on every request, so a role change
 * applies at once.
 */
export const handler = instrumented<PreTokenGenerationTriggerEvent, PreTokenGenerationTriggerEvent>().handler(
  async (event) => {
    const email = event.request.userAttributes.email;
    const staff = email ? await findStaffByEmail(email) : undefined;
    if (!staff?.active) throw new Error('Not an active staff member of this agency.');
    event.response.claimsOverrideDetails = { claimsToAddOrOverride: { staff_id: staff.staffId } };
    return event;
  },
);
