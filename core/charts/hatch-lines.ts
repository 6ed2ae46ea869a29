// Diagonal hatching cut to a county's outline, as plain GeoJSON lines, so that a suppressed county
// reads as "not shown" in any renderer (browser SVG now, a server-side PNG later) without SVG <pattern>s.
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Lines rising at 45° once longitude is scaled by `lonScale` (cos of the map's latitude, so that they
 * stay near 45° on the projected map), `spacing` apart in those scaled degrees. Each line is cut to
 * the inside of the outline by the even–odd rule, so holes and islands come out right.
 */
export function hatchLines(outline: Polygon | MultiPolygon, spacing: number, lonScale: number): MultiLineString {
  const rings = outline.type === 'Polygon' ? outline.coordinates : outline.coordinates.flat();
  // Rotated coordinates: v is constant along a hatch line, u runs along it.
  const rotate = ([lon, lat]: Position): [number, number] => [lon * lonScale + lat, lon * lonScale - lat];
  const crossings = new Map<number, number[]>();
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ua, va] = rotate(ring[i]);
      const [ub, vb] = rotate(ring[i + 1]);
      // Half-open [min, max): a line through a vertex meets exactly one of the vertex's two edges.
      for (let k = Math.ceil(Math.min(va, vb) / spacing); k * spacing < Math.max(va, vb); k++) {
        const v = k * spacing;
        const u = ua + ((v - va) / (vb - va)) * (ub - ua);
        const list = crossings.get(k) ?? [];
        list.push(u);
        crossings.set(k, list);
      }
    }
  }
  const unrotate = (u: number, v: number): Position => [(u + v) / 2 / lonScale, (u - v) / 2];
  const lines: Position[][] = [];
  for (const [k, us] of [...crossings].sort((a, b) => a[0] - b[0])) {
    us.sort((a, b) => a - b);
    for (let i = 0; i + 1 < us.length; i += 2) {
      lines.push([unrotate(us[i], k * spacing), unrotate(us[i + 1], k * spacing)]);
    }
  }
  return { type: 'MultiLineString', coordinates: lines };
}

/** [west, south, east, north] of a set of outlines. */
export function outlineBounds(outlines: readonly (Polygon | MultiPolygon)[]): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const outline of outlines) {
    const rings = outline.type === 'Polygon' ? outline.coordinates : outline.coordinates.flat();
    for (const [lon, lat] of rings.flat()) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return [west, south, east, north];
}
