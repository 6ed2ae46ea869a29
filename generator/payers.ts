// The payers of the simulated state: Synthea's default insurance companies
// (src/main/resources/payers/insurance_companies.csv: names, addresses, phones, ownership)
// plus its NO_INSURANCE pseudo-payer. priceFactor and coverage are our own assumptions:
// allowed amounts relative to Medicare, and the share of a claim the payer pays.
import { nameUuid } from './ids.ts';
import type { EncounterClass } from './person-record.ts';

export type PayerCategory = 'Medicare' | 'Medicaid' | 'Dual Eligible' | 'Commercial' | 'Uninsured';

export interface Payer {
  id: string;
  name: string;
  ownership: 'GOVERNMENT' | 'PRIVATE' | 'NO_INSURANCE';
  category: PayerCategory;
  address: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  monthlyPremium: number;
  /** allowed amount relative to Medicare's fee schedule */
  priceFactor: number;
  /** share of the allowed amount the payer pays */
  coverage: number;
}

type PayerRow = Omit<Payer, 'id'>;

const gov = (name: string, category: PayerCategory, phone: string, priceFactor: number, coverage: number): PayerRow => ({
  name, ownership: 'GOVERNMENT', category, address: '7500 Security Blvd', city: 'Baltimore', state: 'MD', zip: '21244',
  phone, monthlyPremium: name === 'Dual Eligible' ? 500 : 250, priceFactor, coverage,
});

const commercial = (name: string, address: string, city: string, state: string, zip: string, phone: string,
  monthlyPremium: number, priceFactor: number, coverage: number): PayerRow => ({
  name, ownership: 'PRIVATE', category: 'Commercial', address, city, state, zip, phone, monthlyPremium, priceFactor, coverage,
});

const ROWS: PayerRow[] = [
  gov('Medicare', 'Medicare', '1-800-633-4227', 1.0, 0.8),
  gov('Medicaid', 'Medicaid', '1-877-267-2323', 0.82, 0.97),
  gov('Dual Eligible', 'Dual Eligible', '1-877-267-2323', 0.9, 0.99),
  commercial('Humana', '500 West Main St', 'Louisville', 'KY', '40018', '1-844-330-7799', 1700, 1.28, 0.76),
  commercial('Blue Cross Blue Shield', 'Michigan Plaza', 'Chicago', 'IL', '60007', '1-800-262-2583', 1800, 1.35, 0.82),
  commercial('UnitedHealthcare', '9800 Healthcare Lane', 'Minnetonka', 'MN', '55436', '1-888-545-5205', 1900, 1.42, 0.8),
  // Synthea's file writes Connecticut ZIPs without the leading zero; kept as Synthea has them.
  commercial('Aetna', '151 Farmington Ave', 'Hartford', 'CT', '6156', '1-800-872-3862', 2000, 1.45, 0.8),
  commercial('Cigna Health', '900 Cottage Grove Rd', 'Bloomfield', 'CT', '6002', '1-800-997-1654', 2100, 1.4, 0.78),
  commercial('Anthem', '220 Virginia Ave', 'Indianapolis', 'IN', '46204', '1-800-331-1476', 2200, 1.3, 0.79),
  {
    name: 'NO_INSURANCE', ownership: 'NO_INSURANCE', category: 'Uninsured', address: '', city: '', state: '', zip: '',
    phone: '', monthlyPremium: 0, priceFactor: 1.15, coverage: 0,
  },
];

export const PAYERS: readonly Payer[] = ROWS.map((r, i) => ({ ...r, id: nameUuid(`popsight-payer-${10001 + i}-${r.name}`) }));

const indexOf = (name: string): number => PAYERS.findIndex((p) => p.name === name);
export const MEDICARE = indexOf('Medicare');
export const MEDICAID = indexOf('Medicaid');
export const DUAL_ELIGIBLE = indexOf('Dual Eligible');
export const NO_INSURANCE = indexOf('NO_INSURANCE');
export const COMMERCIAL: readonly number[] = PAYERS.flatMap((p, i) => (p.category === 'Commercial' ? [i] : []));
/** Rough commercial market shares in Massachusetts, Blue Cross largest. */
export const COMMERCIAL_SHARES = [0.06, 0.38, 0.16, 0.14, 0.14, 0.12];

/** Share of the allowed amount the payer pays; preventive visits are free under the ACA. */
export function coveredShare(payer: Payer, cls: EncounterClass): number {
  if (payer.category === 'Commercial' && cls === 'wellness') return 1;
  return payer.coverage;
}
