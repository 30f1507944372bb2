import {
  createBrand,
  createClient,
  createContact,
  getBrand,
  getClient,
  getContact,
  getTeam,
  listBrands,
  listClientActivity,
  listClients,
  listContacts,
  putTeam,
  updateBrand,
  updateClient,
  updateContact,
} from '../../shared/accounts/index.js';
import { created, httpApi, implement, ok } from '../http/api.js';
import { clientRoutes as r } from './routes.js';

export const handler = httpApi([
  implement(r.createClient, async (req) =>
    created(
      await createClient(req.actorId, req.body, req.idempotency),
      (c: { clientId: string }) => `/clients/${c.clientId}`,
    ),
  ),
  implement(r.listClients, async (req) => ok(await listClients(req.actorId, req.query))),
  implement(r.getClient, async (req) => ok(await getClient(req.actorId, req.params.clientId))),
  implement(r.updateClient, async (req) =>
    ok(await updateClient(req.actorId, req.params.clientId, req.expectedVersion, req.body)),
  ),
  implement(r.listClientActivity, async (req) =>
    ok(await listClientActivity(req.actorId, req.params.clientId, req.query)),
  ),
  implement(r.createContact, async (req) =>
    created(
      await createContact(req.actorId, req.params.clientId, req.body, req.idempotency),
      (c: { clientId: string; contactId: string }) => `/clients/${c.clientId}/contacts/${c.contactId}`,
    ),
  ),
  implement(r.listContacts, async (req) =>
    ok(await listContacts(req.actorId, req.params.clientId, req.query)),
  ),
  implement(r.getContact, async (req) =>
    ok(await getContact(req.actorId, req.params.clientId, req.params.contactId)),
  ),
  implement(r.updateContact, async (req) =>
    ok(
      await updateContact(
        req.actorId,
        req.params.clientId,
        req.params.contactId,
        req.expectedVersion,
        req.body,
      ),
    ),
  ),
  implement(r.createBrand, async (req) =>
    created(
      await createBrand(req.actorId, req.params.clientId, req.body, req.idempotency),
      (b: { clientId: string; brandId: string }) => `/clients/${b.clientId}/brands/${b.brandId}`,
    ),
  ),
  implement(r.listBrands, async (req) => ok(await listBrands(req.actorId, req.params.clientId, req.query))),
  implement(r.getBrand, async (req) =>
    ok(await getBrand(req.actorId, req.params.clientId, req.params.brandId)),
  ),
  implement(r.updateBrand, async (req) =>
    ok(
      await updateBrand(req.actorId, req.params.clientId, req.params.brandId, req.expectedVersion, req.body),
    ),
  ),
  implement(r.getTeam, async (req) => ok(await getTeam(req.actorId, req.params.clientId))),
  implement(r.putTeam, async (req) =>
    ok(await putTeam(req.actorId, req.params.clientId, req.expectedVersion, req.body)),
  ),
]);
