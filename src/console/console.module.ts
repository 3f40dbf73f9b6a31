import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { ConsoleHandler, CONSOLE_DIST } from './console.handler.js';

/**
 * Serves the web console (web/dist, built by `npm run build:web`) at `/`. It registers after the API's
 * routes and before Nest's not-found handler, and never answers for /api or /health, so it cannot shadow
 * the API: an unknown API path still gets the problem+json 404.
 */
@Module({
  providers: [{ provide: CONSOLE_DIST, useFactory: () => join(projectRoot(), 'web', 'dist') }, ConsoleHandler],
})
export class ConsoleModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly handler: ConsoleHandler,
  ) {}

  /** The same module serving another folder (tests). */
  static serving(distDir: string): DynamicModule {
    return { module: ConsoleModule, providers: [{ provide: CONSOLE_DIST, useValue: distDir }, ConsoleHandler] };
  }

  onModuleInit() {
    // The CLI and the demo seed boot the modules without HTTP: nothing to serve there.
    const adapter = this.adapterHost.httpAdapter as ExpressAdapter | undefined;
    if (!adapter || adapter.getType() !== 'express') return;
    adapter.use(this.handler.assets());
    adapter.use(this.handler.fallback());
  }
}
