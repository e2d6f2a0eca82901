import type { CardSample } from '../cards/samples.js';
import type { Locale } from '../../src/i18n/index.js';
import { reminderActionCard, reminderMessage } from '../../src/reminders/message.js';
import { digestCard } from '../../src/reminders/digest.js';
import { policiesFrom } from '../../src/reminders/teamPolicies.js';
import { settingsCard } from '../../src/settings/card.js';
import { teamSettingsSchema } from '../../src/settings/teamSettings.js';
import { escalatedCase, lead } from './fixtures.js';

const now = new Date('2026-11-20T05:10:00.000Z');
const policies = (l: Locale) => policiesFrom(teamSettingsSchema.parse({ leads: [lead], locale: l }), l);
const sample = () => ({
  ...escalatedCase({ id: 'K7Q-X2M', serviceUrl: 'https://smba.trafficmanager.net/apac/', filedAt: '2026-11-20T02:00:00.000Z' }),
  initialResponseDue: '2026-11-20T04:00:00.000Z',
  initialResponseRule: 'Severity A, English: 2 hours around the clock',
});

/** The reminder, digest and settings cards with realistic data, for tests/cards/cards.test.ts. */
export const reminderCardSamples: CardSample[] = [
  {
    template: 'reminder',
    name: 'overdue catch-up reminder',
    build: (l) => reminderMessage(sample(), { kind: 'overdue', mentionLeads: true, catchUp: true, missed: 3, due: '2026-11-20T04:00:00.000Z' }, policies(l), now).content.card,
  },
  { template: 'reminder', name: 'reminder after "Microsoft responded"', build: (l) => reminderActionCard({ ...sample(), microsoftRespondedAt: '2026-11-20T03:20:00.000Z' }, policies(l), now, { done: 'Microsoft responded' }) },
  {
    template: 'digest',
    name: 'daily digest',
    build: (l) => digestCard('Helpdesk 支援', [sample(), { ...sample(), id: 'K7Q-X2N', step: 'waitingOnIsv' }], policies(l), now),
  },
  { template: 'digest', name: 'empty digest', build: (l) => digestCard('Helpdesk', [], policies(l), now) },
  {
    template: 'settings',
    name: 'settings with errors',
    build: (l) =>
      settingsCard({
        teamId: '19:team@thread.tacv2',
        version: 3,
        settings: teamSettingsSchema.parse({ leads: [lead], admins: ['29:admin'] }),
        channels: [],
        locale: l,
        year: 2026,
        people: [{ id: '00000000-0000-0000-0000-0000000000a1', name: 'Mei Lin' }],
        typed: { timeZone: 'Mars/Olympus' },
        errors: [{ field: 'timeZone', key: 'settings.error.timeZone', params: { detail: 'Unknown IANA time zone' } }],
        notice: { text: 'Not saved', color: 'Attention' },
      }),
  },
];
