// Where care happens: real Massachusetts acute-care hospitals (names and addresses from the
// MA Department of Public Health hospital list, written in Synthea's upper case) with a staff
// of fake clinicians. The same for every seed, so organization and provider ids are stable.
import { firstName, lastName } from './identity.ts';
import { nameUuid } from './ids.ts';
import { streamPrng } from './prng.ts';

export interface Organization {
  id: string;
  name: string;
  address: string;
  city: string;
  zip: string;
  countyFips: string;
  lat: number;
  lon: number;
  phone: string;
  /** academic centers also take referrals from across the state */
  referral: boolean;
}

export type Speciality = 'GENERAL PRACTICE' | 'INTERNAL MEDICINE' | 'EMERGENCY MEDICINE' | 'CARDIOLOGY' | 'PULMONOLOGY' | 'NEPHROLOGY' | 'RADIOLOGY';

export interface Clinician {
  id: string;
  organization: number;
  name: string;
  gender: 'F' | 'M';
  speciality: Speciality;
}

type HospitalRow = [name: string, address: string, city: string, zip: string, fips: string, lat: number, lon: number, phone: string, referral?: boolean];

const HOSPITALS: HospitalRow[] = [
  ['CAPE COD HOSPITAL', '27 PARK STREET', 'HYANNIS', '02601', '25001', 41.6526, -70.2811, '5087715511'],
  ['FALMOUTH HOSPITAL', '100 TER HEUN DRIVE', 'FALMOUTH', '02540', '25001', 41.5634, -70.6131, '5084575000'],
  ['BERKSHIRE MEDICAL CENTER', '725 NORTH STREET', 'PITTSFIELD', '01201', '25003', 42.4601, -73.2486, '4134472000'],
  ['FAIRVIEW HOSPITAL', '29 LEWIS AVENUE', 'GREAT BARRINGTON', '01230', '25003', 42.1934, -73.3601, '4135284600'],
  ['CHARLTON MEMORIAL HOSPITAL', '363 HIGHLAND AVENUE', 'FALL RIVER', '02720', '25005', 41.7176, -71.1425, '5086795211'],
  ["ST LUKE'S HOSPITAL", '101 PAGE STREET', 'NEW BEDFORD', '02740', '25005', 41.6422, -70.9378, '5089975115'],
  ['STURDY MEMORIAL HOSPITAL', '211 PARK STREET', 'ATTLEBORO', '02703', '25005', 41.9317, -71.2945, '5082225200'],
  ['MORTON HOSPITAL', '88 WASHINGTON STREET', 'TAUNTON', '02780', '25005', 41.9051, -71.0887, '5088287000'],
  ["MARTHA'S VINEYARD HOSPITAL", 'ONE HOSPITAL ROAD', 'OAK BLUFFS', '02557', '25007', 41.4543, -70.5662, '5086938410'],
  ['BEVERLY HOSPITAL', '85 HERRICK STREET', 'BEVERLY', '01915', '25009', 42.5625, -70.8735, '9789223000'],
  ['LAWRENCE GENERAL HOSPITAL', '1 GENERAL STREET', 'LAWRENCE', '01841', '25009', 42.7136, -71.1497, '9786831000'],
  ['SALEM HOSPITAL', '81 HIGHLAND AVENUE', 'SALEM', '01970', '25009', 42.5056, -70.9107, '9787411200'],
  ['ANNA JAQUES HOSPITAL', '25 HIGHLAND AVENUE', 'NEWBURYPORT', '01950', '25009', 42.8079, -70.8814, '9784631000'],
  ['BAYSTATE FRANKLIN MEDICAL CENTER', '164 HIGH STREET', 'GREENFIELD', '01301', '25011', 42.5966, -72.5992, '4137732211'],
  ['BAYSTATE MEDICAL CENTER', '759 CHESTNUT STREET', 'SPRINGFIELD', '01199', '25013', 42.1213, -72.6035, '4137940000', true],
  ['MERCY MEDICAL CENTER', '271 CAREW STREET', 'SPRINGFIELD', '01104', '25013', 42.1197, -72.5826, '4137489000'],
  ['HOLYOKE MEDICAL CENTER', '575 BEECH STREET', 'HOLYOKE', '01040', '25013', 42.2168, -72.6252, '4135342500'],
  ['COOLEY DICKINSON HOSPITAL', '30 LOCUST STREET', 'NORTHAMPTON', '01060', '25015', 42.3318, -72.6487, '4135822000'],
  ['CAMBRIDGE HEALTH ALLIANCE', '1493 CAMBRIDGE STREET', 'CAMBRIDGE', '02138', '25017', 42.376, -71.1183, '6176652300'],
  ['MOUNT AUBURN HOSPITAL', '330 MOUNT AUBURN STREET', 'CAMBRIDGE', '02138', '25017', 42.3747, -71.1317, '6174923500'],
  ['LOWELL GENERAL HOSPITAL', '295 VARNUM AVENUE', 'LOWELL', '01854', '25017', 42.6467, -71.3376, '9789376000'],
  ['NEWTON-WELLESLEY HOSPITAL', '2014 WASHINGTON STREET', 'NEWTON', '02462', '25017', 42.3314, -71.2459, '6172436000'],
  ['METROWEST MEDICAL CENTER', '115 LINCOLN STREET', 'FRAMINGHAM', '01702', '25017', 42.2781, -71.4172, '5083831000'],
  ['MELROSEWAKEFIELD HOSPITAL', '585 LEBANON STREET', 'MELROSE', '02176', '25017', 42.4624, -71.0492, '7819797000'],
  ['NANTUCKET COTTAGE HOSPITAL', '57 PROSPECT STREET', 'NANTUCKET', '02554', '25019', 41.2762, -70.1058, '5088251100'],
  ['SOUTH SHORE HOSPITAL', '55 FOGG ROAD', 'SOUTH WEYMOUTH', '02190', '25021', 42.1722, -70.9536, '7816248000'],
  ['NORWOOD HOSPITAL', '800 WASHINGTON STREET', 'NORWOOD', '02062', '25021', 42.1842, -71.1954, '7817693000'],
  ['BETH ISRAEL DEACONESS HOSPITAL-MILTON', '199 REEDSDALE ROAD', 'MILTON', '02186', '25021', 42.2469, -71.0758, '6176967000'],
  ['SIGNATURE HEALTHCARE BROCKTON HOSPITAL', '680 CENTRE STREET', 'BROCKTON', '02302', '25023', 42.0851, -70.9931, '5089417000'],
  ['BETH ISRAEL DEACONESS HOSPITAL-PLYMOUTH', '275 SANDWICH STREET', 'PLYMOUTH', '02360', '25023', 41.9449, -70.6445, '5087462000'],
  ['MASSACHUSETTS GENERAL HOSPITAL', '55 FRUIT STREET', 'BOSTON', '02114', '25025', 42.3626, -71.0686, '6177262000', true],
  ['BOSTON MEDICAL CENTER', 'ONE BOSTON MEDICAL CENTER PLACE', 'BOSTON', '02118', '25025', 42.3351, -71.0728, '6176388000', true],
  ["BRIGHAM AND WOMEN'S HOSPITAL", '75 FRANCIS STREET', 'BOSTON', '02115', '25025', 42.3358, -71.1069, '6177325500', true],
  ['BETH ISRAEL DEACONESS MEDICAL CENTER', '330 BROOKLINE AVENUE', 'BOSTON', '02215', '25025', 42.3386, -71.1064, '6176672000', true],
  ['UMASS MEMORIAL MEDICAL CENTER', '55 LAKE AVENUE NORTH', 'WORCESTER', '01655', '25027', 42.2762, -71.7627, '5083340100', true],
  ['SAINT VINCENT HOSPITAL', '123 SUMMER STREET', 'WORCESTER', '01608', '25027', 42.2669, -71.7967, '5083635000'],
  ['HEYWOOD HOSPITAL', '242 GREEN STREET', 'GARDNER', '01440', '25027', 42.5823, -71.9893, '9786321000'],
  ['HEALTHALLIANCE-CLINTON HOSPITAL', '60 HOSPITAL ROAD', 'LEOMINSTER', '01453', '25027', 42.5184, -71.7534, '9784664000'],
];

/** Clinicians per hospital by speciality. */
const STAFF: readonly [Speciality, number][] = [
  ['GENERAL PRACTICE', 8],
  ['INTERNAL MEDICINE', 3],
  ['EMERGENCY MEDICINE', 3],
  ['CARDIOLOGY', 1],
  ['PULMONOLOGY', 1],
  ['NEPHROLOGY', 1],
  ['RADIOLOGY', 1],
];

export interface Facilities {
  organizations: Organization[];
  clinicians: Clinician[];
  /** organization indexes per county FIPS */
  byCounty: Map<string, number[]>;
  referralCenters: number[];
  /** clinician indexes per organization and speciality */
  staff: Map<string, number[]>;
}

export const staffKey = (organization: number, speciality: Speciality): string => `${organization}|${speciality}`;

export function buildFacilities(): Facilities {
  const rng = streamPrng(0x5eed_f00d, 0);
  const organizations: Organization[] = HOSPITALS.map(([name, address, city, zip, countyFips, lat, lon, phone, referral]) => ({
    id: nameUuid(`popsight-organization-${name}`),
    name, address, city, zip, countyFips, lat, lon, phone, referral: referral ?? false,
  }));
  const clinicians: Clinician[] = [];
  const staff = new Map<string, number[]>();
  organizations.forEach((org, o) => {
    for (const [speciality, count] of STAFF) {
      const list: number[] = [];
      for (let i = 0; i < count; i++) {
        const gender = rng.chance(0.5) ? 'F' : 'M';
        const name = `${firstName(rng, gender)} ${lastName(rng, { race: 'white', ethnicity: 'nonhispanic' })}`;
        list.push(clinicians.length);
        clinicians.push({ id: nameUuid(`popsight-clinician-${org.name}-${speciality}-${i}`), organization: o, name, gender, speciality });
      }
      staff.set(staffKey(o, speciality), list);
    }
  });
  const byCounty = new Map<string, number[]>();
  organizations.forEach((org, o) => byCounty.set(org.countyFips, [...(byCounty.get(org.countyFips) ?? []), o]));
  const referralCenters = organizations.flatMap((org, o) => (org.referral ? [o] : []));
  return { organizations, clinicians, byCounty, referralCenters, staff };
}
