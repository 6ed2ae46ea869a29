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
];
