import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { Classifier } from './classifier.ts';
import { classificationRoutes } from './classification.routes.ts';
import { createCorrectionRepository } from './corrections.repository.ts';
import { correctionRoutes } from './corrections.routes.ts';

/** `POST /v1/classify` where this process has the model; agents' corrections everywhere. */
export function classificationModule(deps: { db: Database; clock: Clock; classifier?: Classifier | undefined }): FeatureModule {
  return {
    name: 'classification',
    routes: [
      ...(deps.classifier ? [routes(classificationRoutes, { classifier: deps.classifier })] : []),
      routes(correctionRoutes, { corrections: createCorrectionRepository(deps.db), clock: deps.clock }),
    ],
  };
}
