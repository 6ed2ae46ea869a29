// Finds which declared route a request was for, from the route tables themselves (first match in
// table order, as the router mounts them): the audit trail records the route's template, its path
// parameters and the role it requires, also when the handler failed and Express has unwound.
import type { Role, RouteTable } from '../routing/route-table.ts';

export interface MatchedRoute {
  /** The template, relative to /api: `/measures/{id}`. */
  template: string;
  /** The role the route requires; null when the path is known but not with this method (405). */
  role: Role | null;
  params: Record<string, string>;
}

interface Pattern {
  template: string;
  regex: RegExp;
  names: string[];
  roles: Map<string, Role>;
}

export function routeMatcher(tables: readonly RouteTable[]): (method: string, path: string) => MatchedRoute | undefined {
  const patterns = new Map<string, Pattern>();
  for (const route of tables.flat()) {
    let pattern = patterns.get(route.path);
    if (!pattern) {
      const names: string[] = [];
      const source = route.path.split('/').map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      });
      pattern = { template: route.path, regex: new RegExp(`^${source.join('/')}/?$`), names, roles: new Map() };
      patterns.set(route.path, pattern);
    }
    pattern.roles.set(route.method.toUpperCase(), route.role);
  }
  const ordered = [...patterns.values()];
  return (method, path) => {
    const asked = method === 'HEAD' ? 'GET' : method;
    // A path a route has for this method wins over an earlier path that only matches the shape (405).
    let shapeOnly: MatchedRoute | undefined;
    for (const pattern of ordered) {
      const match = pattern.regex.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(pattern.names.map((name, i) => [name, decode(match[i + 1]!)]));
      const role = pattern.roles.get(asked);
      if (role) return { template: pattern.template, role, params };
      shapeOnly ??= { template: pattern.template, role: null, params };
    }
    return shapeOnly;
  };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
