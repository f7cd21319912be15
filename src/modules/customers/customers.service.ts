import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { UnitOfWork } from '../../db/unit-of-work.ts';
import type { CustomerRepository } from './customers.repository.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { preconditionFailed } from '../../http/problem.ts';
import { customerErased, customerExists, customerNotFound } from './customers.errors.ts';
import { identityKeys, identityLockKey, normaliseEmail, normalisePhone } from './identities.ts';

export function createCustomerService(deps: { uow: UnitOfWork<{ customers: CustomerRepository }>; clock: Clock }) {
  const { uow, clock } = deps;
  const { customers } = uow.read;

  async function get(id: string) {
    const row = await customers.findById(id);
    if (!row) throw customerNotFound(id);
    return row;
  }

  return {
    get,
    async detail(id: string) {
      const row = await get(id);
      const [identities, ticketCounts] = await Promise.all([customers.identitiesOf(id), customers.ticketCounts(id)]);
      return { row, identities, ticketCounts };
    },
    list: (options: { limit: number; after?: KeysetPosition; q?: string }) => customers.list(options),

    /**
     * A customer entered by hand, e.g. before logging a phone call. An email or phone already on
     * file is a 409 naming only that customer's id: creating is not reading.
     */
    async create(input: { name?: string | undefined; email?: string | undefined; phone?: string | undefined }) {
      const at = clock.now();
      const keys = identityKeys('', { email: input.email, phone: input.phone });
      return uow.transaction(async (repos) => {
        // Every identity, in one sorted order: two creates sharing any of them run one after the other.
        await repos.lock(...keys.map(identityLockKey).sort());
        const known = await repos.customers.findIdentities(keys);
        const taken = keys.map((key) => known.find((row) => row.kind === key.kind && row.value === key.value)).find((row) => row !== undefined);
        if (taken) throw customerExists(taken.customerId, taken.kind === 'email' ? 'email' : 'phone');
        const row = await repos.customers.insert({
          id: newId('customer', at.getTime()),
          name: input.name ?? null,
          email: input.email ? normaliseEmail(input.email) : null,
          phone: input.phone ? normalisePhone(input.phone) : null,
          createdAt: at,
          updatedAt: at,
        });
        await repos.customers.addIdentities(keys.map((key) => ({ id: newId('identity', at.getTime()), customerId: row.id, ...key, createdAt: at })));
        return row;
      });
    },

    async update(
      id: string,
      patch: { name?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined },
      expectedVersion?: number,
    ) {
      const at = clock.now();
      return uow.transaction(async (repos) => {
        if ((await repos.customers.standingOf(id)) === 'erased') throw customerErased(id);
        const set = {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.email !== undefined ? { email: patch.email ? normaliseEmail(patch.email) : null } : {}),
          ...(patch.phone !== undefined ? { phone: patch.phone ? normalisePhone(patch.phone) : null } : {}),
          updatedAt: at,
        };
        const row = await repos.customers.update(id, set, expectedVersion);
        if (!row) {
          if (await repos.customers.findById(id)) throw preconditionFailed();
          throw customerNotFound(id);
        }
        const identities = [
          ...(set.email ? [{ kind: 'email' as const, channel: '', value: set.email }] : []),
          ...(set.phone ? [{ kind: 'phone' as const, channel: '', value: set.phone }] : []),
        ];
        await repos.customers.addIdentities(identities.map((key) => ({ id: newId('identity'), customerId: id, ...key, createdAt: at })));
        return row;
      });
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
