import { newId } from '../../shared/ids.ts';
import type { Lock } from '../../db/unit-of-work.ts';
import type { CustomerRepository } from './customers.repository.ts';

type Customers = { customers: Pick<CustomerRepository, 'findIdentities' | 'insert' | 'addIdentities' | 'holdAgainstErasure'> };
import { identityKeys, identityLockKey, normaliseEmail, normalisePhone, type CustomerContact, type IdentityKey } from './identities.ts';

/** The known identities among `keys`, strongest key first: the first one's customer is who this is. */
async function knownIdentities(repos: Customers, keys: IdentityKey[]) {
  const known = await repos.customers.findIdentities(keys);
  const rank = (row: { kind: string; channel: string; value: string }) =>
    keys.findIndex((k) => k.kind === row.kind && k.channel === row.channel && k.value === row.value);
  return known.sort((a, b) => rank(a) - rank(b));
}

/** The customer a contact resolves to today, without creating or locking anything. */
export async function knownCustomer(repos: Customers, channel: string, contact: CustomerContact): Promise<string | undefined> {
  return (await knownIdentities(repos, identityKeys(channel, contact)))[0]?.customerId;
}

/**
 * Finds the customer behind a channel contact, or creates one, inside the caller's transaction.
 * The strongest identity is locked first so that two first messages of a new customer arriving
 * together create one customer, not two. Identities we learn on the way are added to the archive.
 */
export async function resolveCustomer(
  repos: Customers & { lock: Lock },
  channel: string,
  contact: CustomerContact & { name?: string | null | undefined },
  at: Date,
  options: { alreadyLocked?: boolean } = {},
): Promise<string> {
  const keys = identityKeys(channel, contact);
  const strongest = keys[0];
  if (!strongest) throw new Error('resolveCustomer needs at least one identity');
  if (!options.alreadyLocked) await repos.lock(identityLockKey(strongest));

  const isKey = (row: { kind: string; channel: string; value: string }, key: IdentityKey) =>
    key.kind === row.kind && key.channel === row.channel && key.value === row.value;
  let known = await knownIdentities(repos, keys);
  // Found through a key this intake did not lock (a channel id the customer never had, matched by
  // their email): an erasure takes the locks of the customer's own identities only, so it would not
  // wait for us, and we would write to a customer it has just erased. Hold the customer row, then
  // look again: an erasure that committed meanwhile has taken its identities with it.
  const held = new Set<string>();
  while (known[0] && !isKey(known[0], strongest) && !held.has(known[0].customerId)) {
    held.add(known[0].customerId);
    await repos.customers.holdAgainstErasure(known[0].customerId);
    known = await knownIdentities(repos, keys);
  }

  let customerId = known[0]?.customerId;
  if (!customerId) {
    const created = await repos.customers.insert({
      id: newId('customer', at.getTime()),
      name: contact.name ?? contact.handle ?? null,
      email: contact.email ? normaliseEmail(contact.email) : null,
      phone: contact.phone ? normalisePhone(contact.phone) : null,
      createdAt: at,
      updatedAt: at,
    });
    customerId = created.id;
  }
  const missing = keys.filter((key) => !known.some((row) => isKey(row, key)));
  await repos.customers.addIdentities(
    missing.map((key) => ({ id: newId('identity', at.getTime()), customerId: customerId!, ...key, createdAt: at })),
  );
  return customerId;
}

/** The lock resolveCustomer takes, for callers that take it together with their own. */
export function customerLockKey(channel: string, contact: CustomerContact): string | undefined {
  const strongest = identityKeys(channel, contact)[0];
  return strongest ? identityLockKey(strongest) : undefined;
}
