// Health, warehouse facts and the values each dimension takes. Below admin (no exactCounts) the
// population is perturbed and rare dimension values are left out (docs/disclosure.md, "Side doors").
import type { LiveWarehouse } from '../warehouse/live-warehouse.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { fixedJsonSender } from '../http/fixed-json.ts';
import { jsonResponse } from '../openapi/operation-parts.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { restrictionOf } from '../routing/row-access.ts';
import { listedCountyOutlines } from './county-outlines.ts';

const tags = ['meta'];

export function metaRoutes(warehouse: LiveWarehouse, { exactCounts = false }: { exactCounts?: boolean } = {}): RouteTable {
  // The facts are one object per warehouse generation: serialized once per generation.
  const sendJson = fixedJsonSender();
  return [
    {
      method: 'get',
      path: '/health',
      role: 'anyone',
      operation: { summary: 'Liveness check', operationId: 'getHealth', tags, responses: { 200: jsonResponse('Health', 'The server is up') } },
      handler: (_request, response) => response.json({ status: 'ok' }),
    },
    {
      method: 'get',
      path: '/meta',
      role: 'viewer',
      readsRows: true,
      operation: { summary: 'Facts about the loaded warehouse', operationId: 'getMeta', tags, responses: { 200: jsonResponse('Meta', 'Data version, load time, date range and people') } },
      handler: async (request, response) => sendJson(request, response, await warehouse.use((db) => warehouseMeta(db, { exactCounts, restriction: restrictionOf(request) }))),
    },
    {
      method: 'get',
      path: '/dimensions',
      role: 'viewer',
      readsRows: true,
      operation: { summary: 'Values of each stratifier and filter', operationId: 'getDimensions', tags, responses: { 200: jsonResponse('Dimensions', 'The values each dimension takes; without exact counts, only those held by 11 or more people') } },
      handler: async (request, response) => sendJson(request, response, await warehouse.use((db) => dimensionValues(db, { exactCounts, restriction: restrictionOf(request) }))),
    },
    {
      method: 'get',
      path: '/geography/counties',
      role: 'viewer',
      readsRows: true,
      operation: {
        summary: "Outlines of the counties of the warehouse's state",
        operationId: 'getCountyOutlines',
        tags,
        description: 'GeoJSON FeatureCollection of every county (id: 5-digit FIPS, properties.name) of the state whose counties the county values of /api/dimensions name (us-atlas, Census Bureau cartographic boundaries 1:10,000,000), with stateFips; no features when none matches. The county maps draw these.',
        responses: { 200: jsonResponse('CountyOutlines', "The warehouse's state's county outlines") },
      },
      // One object per list of county values (per generation and restriction), so serialized once per list.
      handler: async (request, response) => sendJson(request, response, await warehouse.use((db) => listedCountyOutlines(db, { exactCounts, restriction: restrictionOf(request) }))),
    },
  ];
}
