// What Popsight takes from each Synthea CSV file, whatever the Synthea version wrote.
// Each staging field lists the header names it has had (current layout first); direct identifiers
// (names, SSN, licence, passport, address, phone, coordinates) are never listed, so never read.

export interface StagingField {
  /** Canonical name in `staging.<table>`. */
  name: string;
  /** Header names across Synthea versions, tried in order. */
  headers: string[];
  required: boolean;
}

export interface SyntheaFile {
  file: string;
  /** The file must be present in the extract. */
  required: boolean;
  fields: StagingField[];
  /** Only Synthea CSV has it: other readers leave its staging table to be created empty. */
  syntheaOnly?: true;
}

const req = (name: string, ...headers: string[]): StagingField => ({ name, headers: headers.length ? headers : [name.toUpperCase()], required: true });
const opt = (name: string, ...headers: string[]): StagingField => ({ name, headers: headers.length ? headers : [name.toUpperCase()], required: false });

export const SYNTHEA_FILES: SyntheaFile[] = [
  {
    file: 'patients',
    required: true,
    fields: [
      req('id', 'Id'), req('birthdate'), opt('deathdate'), req('gender'), req('race'), req('ethnicity'),
      opt('state'), opt('county'), opt('fips'), opt('zip'),
    ],
  },
  { file: 'payers', required: true, fields: [req('id', 'Id'), req('name'), opt('ownership')] },
  {
    file: 'payer_transitions',
    required: true,
    fields: [
      req('patient'), req('payer'),
      req('start', 'START_DATE', 'START_YEAR'), req('end', 'END_DATE', 'END_YEAR'),
    ],
  },
  { file: 'organizations', required: true, fields: [req('id', 'Id'), req('name'), opt('city'), opt('state'), opt('zip')] },
  {
    file: 'encounters',
    required: true,
    fields: [
      req('id', 'Id'), req('start'), opt('stop'), req('patient'), opt('organization'), opt('payer'),
      req('encounterclass'), opt('code'), opt('description'),
      opt('base_cost', 'BASE_ENCOUNTER_COST'), opt('total_cost', 'TOTAL_CLAIM_COST'), opt('payer_coverage'),
      opt('reasoncode'),
    ],
  },
  {
    file: 'conditions',
    required: true,
    fields: [req('start'), opt('stop'), req('patient'), opt('encounter'), opt('system'), req('code'), opt('description')],
  },
  {
    file: 'observations',
    required: true,
    fields: [
      req('date'), req('patient'), opt('encounter'), opt('category'), req('code'), opt('description'),
      opt('value'), opt('units'), opt('type'),
    ],
  },
  {
    file: 'medications',
    required: false,
    fields: [
      req('start'), opt('stop'), req('patient'), opt('payer'), opt('encounter'), req('code'), opt('description'),
      opt('dispenses'), opt('totalcost'),
    ],
  },
  {
    file: 'procedures',
    required: false,
    fields: [
      req('start', 'START', 'DATE'), opt('stop'), req('patient'), opt('encounter'), opt('system'), req('code'),
      opt('description'), opt('base_cost'),
    ],
  },
  {
    file: 'immunizations',
    required: false,
    fields: [req('date'), req('patient'), opt('encounter'), req('code'), opt('description'), opt('base_cost')],
  },
  // Files the measures do not use yet, loaded so that every row is accounted for. Device UDIs,
  // DICOM series/instance UIDs and provider names and addresses are identifiers: never read.
  {
    file: 'allergies',
    required: false,
    syntheaOnly: true,
    fields: [req('start'), opt('stop'), req('patient'), opt('encounter'), req('code'), opt('system'), opt('description'), opt('type'), opt('category'), opt('severity1')],
  },
  {
    file: 'careplans',
    required: false,
    syntheaOnly: true,
    fields: [opt('id', 'Id'), req('start'), opt('stop'), req('patient'), opt('encounter'), req('code'), opt('description'), opt('reasoncode')],
  },
  { file: 'devices', required: false, syntheaOnly: true, fields: [req('start'), opt('stop'), req('patient'), opt('encounter'), req('code'), opt('description')] },
  { file: 'supplies', required: false, syntheaOnly: true, fields: [req('date'), req('patient'), opt('encounter'), req('code'), opt('description'), opt('quantity')] },
  {
    file: 'imaging_studies',
    required: false,
    syntheaOnly: true,
    fields: [req('id', 'Id'), req('date'), req('patient'), opt('encounter'), opt('bodysite_code'), opt('modality_code'), opt('sop_code'), opt('procedure_code')],
  },
  {
    file: 'claims',
    required: false,
    syntheaOnly: true,
    fields: [
      req('id', 'Id'), req('patient', 'PATIENTID'), opt('provider', 'PROVIDERID'), opt('encounter', 'APPOINTMENTID'),
      opt('primary_insurance', 'PRIMARYPATIENTINSURANCEID'), opt('service_date', 'SERVICEDATE'), opt('diagnosis1', 'DIAGNOSIS1'), opt('status1', 'STATUS1'),
    ],
  },
  {
    file: 'claims_transactions',
    required: false,
    syntheaOnly: true,
    fields: [
      req('id', 'ID'), req('claim', 'CLAIMID'), req('patient', 'PATIENTID'), req('type', 'TYPE'), opt('amount', 'AMOUNT'),
      opt('payments', 'PAYMENTS'), opt('adjustments', 'ADJUSTMENTS'), opt('outstanding', 'OUTSTANDING'), opt('fromdate', 'FROMDATE'),
      opt('procedurecode', 'PROCEDURECODE'), opt('units', 'UNITS'),
    ],
  },
  { file: 'providers', required: false, syntheaOnly: true, fields: [req('id', 'Id'), opt('organization'), opt('gender'), opt('speciality'), opt('state'), opt('zip')] },
];

/** The staging tables every source reader lands (the rest are Synthea-only, see syntheaOnly). */
export const STAGING_CONTRACT: SyntheaFile[] = SYNTHEA_FILES.filter((f) => !f.syntheaOnly);
