// The routes an Express app has registered, as (method, OpenAPI path) pairs, found by walking its
// router stack; the OpenAPI test compares them with the document so no endpoint goes undocumented.
import type { Application } from 'express';

export interface RegisteredRoute {
  method: string;
  /** Path in OpenAPI form, relative to `prefix`: /measures/{id}. */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Routes under `prefix` (e.g. '/api'), with the prefix removed; string paths only. */
export function listRoutes(app: Application, prefix: string): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const walk = (stack: Layer[], base: string) => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        const full = join(base, layer.route.path);
        if (!full.startsWith(`${prefix}/`)) continue;
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') routes.push({ method, path: full.slice(prefix.length).replace(/:(\w+)/g, '{$1}') });
        }
      } else if (layer.handle?.stack && typeof layer.rawPath === 'string') {
        walk(layer.handle.stack, join(base, layer.rawPath));
      }
    }
  };
  walk((app.router as unknown as { stack: Layer[] }).stack, '');
  return routes;
}

const join = (base: string, path: string) => `${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
