import { join } from 'node:path';
import type { Case } from '../../src/flow/case.js';
import { translator, type Locale } from '../../src/i18n/index.js';
import { loadCustomerDirectory } from '../../src/customers/directory.js';
import { projectRoot } from '../../src/paths.js';
import { caseCard } from '../../src/flow/cards.js';
import { caseAtDecide, intakeInputs, minutes, must } from '../flow/fixtures.js';

/** Issue 14's cards for tests/cards/cards.test.ts: the type-ahead intake and the decide step's Partner Center block. */
const directory = loadCustomerDirectory(join(projectRoot, 'config/customers.demo.json'));
const card = (c: Case, l: Locale) => caseCard(c, { t: translator(l), directory, typeahead: true });

/** Ten open requests (the most the card shows) with titles as long and as hostile as Partner Center could send. */
const withRequests = (): Case =>
  must(
    caseAtDecide(intakeInputs()),
    {
      type: 'requests.checked',
      check: {
        checkedAt: minutes(20).toISOString(),
        items: Array.from({ length: 10 }, (_, i) => ({
          number: `26111900400012${String(i).padStart(2, '0')}`,
          title: `**Exchange** [outage](https://evil.example) <at>all</at> {{DATE(2026-11-20T02:00:00Z)}} ${'long title '.repeat(25)}`.slice(0, 300),
          status: i % 3 === 0 ? 'attentionNeeded' : 'open',
          createdAt: minutes(-60 * i).toISOString(),
        })),
      },
    },
    minutes(20),
  );

export const partnerCenterCardSamples = [
  { template: 'flow-intake', name: 'flow intake (Partner Center type-ahead)', build: (l: Locale) => card({ ...caseAtDecide(intakeInputs()), step: 'intake', intake: undefined } as Case, l) },
  { template: 'flow-decide', name: 'flow decide (ten open Partner Center requests)', build: (l: Locale) => card(withRequests(), l) },
  {
    template: 'flow-outcome',
    name: 'flow outcome (Partner Center request attached)',
    build: (l: Locale) => card(must(withRequests(), { type: 'decide.attachRequest', inputs: { requestNumber: '2611190040001203' } }, minutes(25)), l),
  },
  {
    template: 'flow-decide',
    name: 'flow decide (Partner Center could not be checked)',
    build: (l: Locale) => card(must(caseAtDecide(intakeInputs()), { type: 'requests.checked', check: { checkedAt: minutes(20).toISOString(), items: [], failure: 'throttled' } }, minutes(20)), l),
  },
  {
    template: 'flow-decide',
    name: 'flow decide (no open Partner Center requests)',
    build: (l: Locale) => card(must(caseAtDecide(intakeInputs()), { type: 'requests.checked', check: { checkedAt: minutes(20).toISOString(), items: [] } }, minutes(20)), l),
  },
];
