import { type FeatureModule } from '../modules/module.ts';
import { deskRoutes } from './desk.routes.ts';

/** The helpdesk: pages and assets served by the service itself; it talks to /v1 like any client. */
export function deskModule(): FeatureModule {
  return { name: 'desk', routes: [async (app) => void (await app.register(deskRoutes))] };
}
