import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { OpenAPIV3_2 } from '@fastify/swagger';
import type { QueueDefinition } from '../shared/jobs.ts';
import type { EventSubscriber } from './events/events.relay.ts';

/** A route plugin with its options bound: what a module hands the HTTP app to register. */
export type BoundRoutes = (app: FastifyInstance) => Promise<unknown>;

/** Binds a route plugin to its options (typed against the plugin's own options). */
export const routes =
  <Options extends Record<string, unknown>>(plugin: FastifyPluginAsync<Options> | ((app: never, options: Options) => Promise<void>), options: Options): BoundRoutes =>
  async (app) => {
    await app.register(plugin as FastifyPluginAsync<Options>, options);
  };

/**
 * What a feature contributes to a process. A module is built by one factory
 * (`<feature>.module.ts`) from narrow dependencies; the HTTP app registers its routes, the worker
 * role its queues and event subscribers. A new feature is a new folder and one line in the
 * container's module list.
 */
export interface FeatureModule {
  name: string;
  routes?: BoundRoutes[];
  queues?: QueueDefinition[];
  subscribers?: EventSubscriber[];
  /** What the feature POSTs to others, for the OpenAPI document's `webhooks` map. */
  openapiWebhooks?: Record<string, OpenAPIV3_2.PathItemObject>;
  /** Releases what the module holds (producer queues); runs once, at shutdown. */
  close?(): Promise<void>;
}
