import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installGuard, type RegisteredRoute } from './access/guard.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import type { Config } from './config/config.ts';
import type { Db } from './db/connect.ts';
import { AppError } from './errors/app-error.ts';
import { errorHandler } from './errors/error-handler.ts';
import { healthRoutes } from './health/health.routes.ts';
import type { App, Deps } from './http/types.ts';
import { jurisdictionsRoutes } from './jurisdictions/jurisdictions.routes.ts';
import { usersRoutes } from './users/users.routes.ts';
import { casesFeature } from './cases/cases-feature.ts';
import { trajectoryRoutes } from './trajectory/trajectory.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { protocolsRoutes } from './protocols/protocols.routes.ts';
import { placesFeatureRoutes } from './places/places-feature.ts';
import { contactsFeature } from './contacts/contacts-feature.ts';
import { dashboardFeature } from './dashboard/dashboard-feature.ts';
import { samplesRoutes } from './samples/samples.routes.ts';

/** Route modules in the order they register; each feature adds one line here. */
const features: ReadonlyArray<(app: App, deps: Deps) => Promise<void>> = [
  healthRoutes,
  authRoutes,
  jurisdictionsRoutes,
  usersRoutes,
  casesFeature,
  auditRoutes,
  trajectoryRoutes,
  reportsRoutes,
  protocolsRoutes,
  placesFeatureRoutes,
  contactsFeature,
  dashboardFeature,
  samplesRoutes,
];

export type BuiltApp = { app: App; routes: RegisteredRoute[] };

/**
 * The composition root: one Fastify instance over one open database. It does not listen; the caller
 * (`saolei serve`, or a test with `app.inject`) decides that.
 */
export async function buildApp(
  config: Config,
  db: Db,
  options: { logger?: boolean } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'saolei (扫雷) API',
        description:
          'Epidemiological investigation and contact tracing. Errors: `{ error: { code, message, details } }`.',
        version: '1',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'saolei_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const routes = installGuard(app, db, config);
  const deps: Deps = { db, config };
  for (const feature of features) {
    await feature(app, deps);
  }
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerWeb(app, config);
  await app.ready();
  return { app, routes };
}

/** Serves the built web app, and its index.html for any non-API path (client-side routes). */
function registerWeb(app: App, config: Config): void {
  const root = path.resolve(config.webDist);
  const index = path.join(root, 'index.html');
  const built = fs.existsSync(index);
  if (built) {
    void app.register(fastifyStatic, { root, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      throw new AppError('NOT_FOUND', { params: { entity: request.url.split('?')[0] ?? '' } });
    }
    if (!built) {
      return reply
        .type('text/plain; charset=utf-8')
        .status(503)
        .send('saolei: the web app is not built. Run `npm run build:web` or `npm start`.');
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(fs.createReadStream(index));
  });
}
