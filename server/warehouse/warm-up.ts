// What a new warehouse generation's first requests would otherwise compute while a user waits,
// started as soon as the server opens it (at start, and after each load): the warehouse facts
// (meta with the population, the values each dimension lists; both variants, exact and protected)
// and the measure cell catalog. At 1,000,000 people these take seconds on a first visit. They are
// the same cached promises the routes await, so a request during the warm-up waits for it instead of
// starting it again. Nothing here is sent anywhere or cached beyond what the routes cache anyway.
import { measureCellCatalog } from '../../core/measures/measure-cells.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';

export async function warmWarehouse(db: Database): Promise<void> {
  await Promise.all([warehouseMeta(db), dimensionValues(db), measureCellCatalog(db)]);
}
