/**
 * Accounts: agency staff (roles, reporting lines), clients (intake, calendar), their contacts,
 * brands and account teams; who may do what (authority) and who sees which client (access).
 * Everything client-owned in other contexts is opened through `openClient`/`openOwnedItem`.
 */
import { registerRefusalWords } from '../platform/refusal-words.js';
import { accountsRefusalWords } from './messages.js';

// This context's refusals worded in es and zh-CN wherever it is used (see refusal-words.ts).
registerRefusalWords(accountsRefusalWords);

export {
  alongside,
  authorize,
  type Caller,
  loadCaller,
  openClient,
  openClientWith,
  openOwnedItem,
  transactAs,
  visibleClientIds,
} from './access.js';
export { isAllowed } from './authority.js';
export { createBrand, getBrand, listBrands, updateBrand } from './brands.js';
export {
  clientCreationWrites,
  clientView,
  createClient,
  getClient,
  listClientActivity,
  listClients,
  prospectActivationWrites,
  updateClient,
} from './clients.js';
export { clientDocumentLanguage, contactLanguage } from './contact-language.js';
export {
  contactIsActive,
  loadContact,
  type MailStatus,
  markUndeliverable,
  undeliverableStatus,
} from './contact-mail.js';
export { createContact, getContact, listContacts, updateContact } from './contacts.js';
export { roleWords } from './messages.js';
export { accountsMoneyInMinorUnits } from './migrations.js';
export { updateMe } from './preferences.js';
export { aRole, isExecutiveOrAbove, rank, type StaffRole } from './roles.js';
export * from './schemas/brands.js';
export * from './schemas/clients.js';
export * from './schemas/contacts.js';
export * from './schemas/languages.js';
export * from './schemas/staff.js';
export * from './schemas/team.js';
export {
  bootstrapHeadOfAccounts,
  createStaff,
  findStaffByEmail,
  getMe,
  getStaff,
  isUpReportingLine,
  type LineManagerFollower,
  listStaff,
  listStaffActivity,
  managersUpTheLine,
  updateStaff,
} from './staff.js';
export { type ActiveMember, activeMembersOf, getTeam, loadActiveTeam, putTeam } from './team.js';
