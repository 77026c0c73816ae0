import { describe, expect, it } from 'vitest';
import { em } from '../edit/messages.ts';
import { codeNamer, explainRefusal } from './refusal.ts';

const names = codeNamer(
  (code) => em.reasons.region(code, code === '84' ? 'Auvergne-Rhône-Alpes' : code === '75' ? 'Nouvelle-Aquitaine' : undefined),
  (code) => em.reasons.department(code, code === '64' ? 'Pyrénées-Atlantiques' : undefined),
);

describe('explainRefusal', () => {
  it.each([
    ['ROLE_MAY_NOT_WRITE', { role: 'partner' }, 'Un jeton « partenaire » ne modifie rien'],
    [
      'OUTSIDE_TERRITORY',
      { territories: ['REGION:84'], outside: [{ region: '75', department: '64' }, { region: '75', department: '64' }] },
      'Votre jeton couvre Auvergne-Rhône-Alpes ; cet enregistrement concerne aussi Pyrénées-Atlantiques (64), Nouvelle-Aquitaine.',
    ],
    ['OUTSIDE_TERRITORY', { territories: ['DEPARTMENT:42', '11'], outside: [{ region: '93', department: '' }] }, 'couvre le département 42 et la région 11 ; cet enregistrement concerne aussi la région 93.'],
    ['UNKNOWN_FINESS', { finess: '420000000' }, 'Le numéro FINESS 420000000 n’est pas au répertoire.'],
    ['DUPLICATE_MEMBERSHIP', { membership: '12', validFrom: '2024-01-01' }, 'déjà membre du groupement depuis le 01/01/2024'],
    // Known to the year: never read as the first of January.
    ['DUPLICATE_MEMBERSHIP', { membership: '12', validFrom: '2016-01-01', validFromPrecision: 'YEAR' }, 'déjà membre du groupement depuis 2016 :'],
    ['SECOND_SUPPORT', { grouping: 'GHT Loire', validFrom: '2016-07-01', validTo: '2020-01-01' }, 'Le GHT GHT Loire a déjà un établissement support depuis le 01/07/2016 (fin : 01/01/2020)'],
    ['DATES_OUT_OF_ORDER', { validFrom: '2024-01-01', validTo: '2020-01-01' }, 'La fin (01/01/2020) doit suivre le début (01/01/2024).'],
    ['ALREADY_CLOSED', { validTo: '2025-01-01' }, 'Déjà clos le 01/01/2025'],
    ['SITE_OF_ANOTHER_ENTITY', { sites: ['420000001', '420000002'] }, '420000001 et 420000002'],
    ['STALE_VERSION', undefined, 'Quelqu’un a modifié'],
  ] as const)('%s %j', (reason, details, want) => {
    expect(explainRefusal(reason, details, em.reasons, names)).toContain(want);
  });

  it('leaves unknown reasons, and errors without one, to the server’s message', () => {
    expect(explainRefusal('SOMETHING_NEW', {}, em.reasons, names)).toBeNull();
    expect(explainRefusal(undefined, undefined, em.reasons, names)).toBeNull();
  });

  it('reads malformed details without failing', () => {
    expect(explainRefusal('OUTSIDE_TERRITORY', { territories: 'REGION:84', outside: [null, 3] }, em.reasons, names)).toContain('Votre jeton couvre');
  });
});
