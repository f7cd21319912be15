import { AppError, notFound } from '../../http/problem.ts';

export const customerNotFound = (id: string) => notFound('customers', `No customer ${id}`);

/**
 * Creating a customer whose email or phone is already on file. Only the id is told: a key that
 * may create customers is not thereby allowed to read them.
 */
export const customerExists = (existingId: string, field: 'email' | 'phone') =>
  new AppError({
    status: 409,
    code: 'customers.exists',
    title: 'Conflict',
    detail: `A customer with this ${field} exists`,
    errors: [{ path: `body.${field}`, message: 'already belongs to a customer' }],
    existingId,
  });

/**
 * Contact data for a customer whose personal data was erased: the record stays only so that
 * statistics keep counting; a person who writes again becomes a new customer.
 */
export const customerErased = (id: string, path = 'params.id') =>
  new AppError({
    status: 409,
    code: 'customers.erased',
    title: 'Conflict',
    detail: `Customer ${id} was erased`,
    errors: [{ path, message: 'this customer\'s personal data was erased; a new contact starts a new customer' }],
  });
