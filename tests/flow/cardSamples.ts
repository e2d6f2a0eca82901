import { join } from 'node:path';
import type { Case } from '../../src/flow/case.js';
import { listRowOf } from '../support/storedCase.js';
import { translator, type Locale } from '../../src/i18n/index.js';
import { loadCustomerDirectory } from '../../src/customers/directory.js';
import { projectRoot } from '../../src/paths.js';
import { applyAction } from '../../src/flow/transitions.js';
import { caseCard, casesCard } from '../../src/flow/cards.js';
import { agent, caseAtDecide, intakeInputs, minutes, must } from './fixtures.js';

/** One sample per flow card (and per step), for tests/cards/cards.test.ts: every locale must be a card Teams accepts. */
const directory = loadCustomerDirectory(join(projectRoot, 'config/customers.demo.json'));
const card = (c: Case, l: Locale, extra: object = {}) => caseCard(c, { t: translator(l), directory, ...extra });

const healthCase = (): Case => {
  const c = caseAtDecide(intakeInputs());
  return {
    ...c,
    step: 'health',
    healthChecks: [
      {
        checkedAt: minutes(3).toISOString(),
        demo: true,
        failures: [{ source: 'azure', reason: 'notConfigured' }],
        items: [
          {
            id: 'EX1187342',
            source: 'demo',
            title: 'Some users may experience delays when receiving email from external senders',
            service: 'Exchange Online',
            classification: 'incident',
            status: 'serviceDegradation',
            lastUpdated: minutes(-18).toISOString(),
          },
        ],
      },
    ],
  };
};

const rejectedIntake = (): { c: Case; errors: unknown } => {
  const start = { ...caseAtDecide(intakeInputs()), step: 'intake' as const, version: 1 };
  const r = applyAction(start, { type: 'intake.submit', inputs: intakeInputs({ tenantId: 'nope', domain: 'evil.com/#', symptoms: 'x'.repeat(10_240) }) }, { now: minutes(1), actor: agent });
  if (r.ok) throw new Error('expected a rejection');
  return { c: r.case, errors: r.errors };
};

export const flowCardSamples = [
  { template: 'flow-intake', name: 'flow intake (empty)', build: (l: Locale) => card({ ...caseAtDecide(intakeInputs()), step: 'intake', intake: undefined } as Case, l) },
  {
    template: 'flow-intake',
    name: 'flow intake (errors, 10 KB paste kept as 4000)',
    build: (l: Locale) => {
      const { c, errors } = rejectedIntake();
      return card(c, l, { errors, notice: translator(l)('flow.error.wrongStep') });
    },
  },
  { template: 'flow-health', name: 'flow health (demo incident, a failed source)', build: (l: Locale) => card(healthCase(), l) },
  { template: 'flow-troubleshoot', name: 'flow troubleshoot (Azure, portals)', build: (l: Locale) => card({ ...caseAtDecide(intakeInputs({ product: 'azure' })), step: 'troubleshoot' }, l) },
  { template: 'flow-decide', name: 'flow decide (Dynamics 365, confirmation)', build: (l: Locale) => card(caseAtDecide(intakeInputs({ product: 'dynamics365' })), l) },
  { template: 'flow-decide', name: 'flow decide (21Vianet)', build: (l: Locale) => card(caseAtDecide(intakeInputs({ cloud: 'china21v', domain: 'wingtipsh.partner.onmschina.cn' })), l) },
  { template: 'flow-decide', name: 'flow decide (marketplace)', build: (l: Locale) => card(caseAtDecide(intakeInputs({ product: 'marketplace', marketplaceProduct: 'Contoso Backup Vault' })), l) },
  {
    template: 'flow-outcome',
    name: 'flow outcome (escalated with override)',
    build: (l: Locale) => card(must(caseAtDecide(intakeInputs()), { type: 'decide.escalate', inputs: { overrideReason: '**CEO** asked; <at>everyone</at> wants Microsoft on it' } }, minutes(30)), l),
  },
  { template: 'flow-outcome', name: 'flow outcome (known incident)', build: (l: Locale) => card(must(healthCase(), { type: 'health.attach', inputs: { incidentId: 'EX1187342' } }, minutes(5)), l) },
  { template: 'flow-outcome', name: 'flow outcome (closed)', build: (l: Locale) => card(must(caseAtDecide(intakeInputs()), { type: 'close', inputs: {} }, minutes(9)), l) },
  { template: 'flow-cases', name: 'flow case list', build: (l: Locale) => casesCard(translator(l), translator(l)('flow.cases.mine'), [listRowOf(caseAtDecide(intakeInputs()))]) },
  {
    template: 'flow-cases',
    name: 'flow case list (a middle page)',
    build: (l: Locale) =>
      casesCard(translator(l), translator(l)('flow.cases.all'), [listRowOf(caseAtDecide(intakeInputs()))], { verb: 'cases.all', shownBefore: 20, total: 46, next: { updatedAt: '2026-11-02T00:25:00.000Z', id: 'K7Q-X2M' } }),
  },
  { template: 'flow-cases', name: 'flow case list (empty)', build: (l: Locale) => casesCard(translator(l), translator(l)('flow.cases.all'), []) },
];
