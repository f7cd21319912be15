import type { CustomerRow, IdentityRow } from './customers.repository.ts';

export function presentCustomerSummary(row: CustomerRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function presentCustomer(row: CustomerRow, identities: IdentityRow[]) {
  return {
    ...presentCustomerSummary(row),
    identities: identities.map((identity) => ({
      kind: identity.kind,
      channel: identity.channel === '' ? null : identity.channel,
      value: identity.value,
      createdAt: identity.createdAt.toISOString(),
    })),
  };
}
