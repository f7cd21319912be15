import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { UnitOfWork } from '../../db/repositories.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { preconditionFailed } from '../../http/problem.ts';
import { customerNotFound } from './customers.errors.ts';
import { normaliseEmail, normalisePhone } from './identities.ts';
import { resolveCustomer } from './resolve-customer.ts';

export function createCustomerService(deps: { uow: UnitOfWork; clock: Clock }) {
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

    /** A customer entered by hand, e.g. before logging a phone call; reuses a known email or phone. */
    async create(input: { name?: string | undefined; email?: string | undefined; phone?: string | undefined }) {
      const at = clock.now();
      return uow.transaction(async (repos) => {
        if (input.email || input.phone) {
          const id = await resolveCustomer(repos, '', { email: input.email, phone: input.phone, name: input.name }, at);
          return (await repos.customers.findById(id))!;
        }
        return repos.customers.insert({ id: newId('customer', at.getTime()), name: input.name ?? null, createdAt: at, updatedAt: at });
      });
    },

    async update(
      id: string,
      patch: { name?: string | null | undefined; email?: string | null | undefined; phone?: string | null | undefined },
      expectedVersion?: number,
    ) {
      const at = clock.now();
      return uow.transaction(async (repos) => {
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
