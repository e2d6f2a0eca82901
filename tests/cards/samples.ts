import type { Card } from '../../src/cards/render.js';
import { translator, type Locale } from '../../src/i18n/index.js';
import { escalationCardSamples } from '../escalation/cardSamples.js';
import { helpCard } from '../../src/teams/handlers/help.js';
import { personalWelcomeCard, teamWelcomeCard } from '../../src/teams/handlers/welcome.js';
import { flowCardSamples } from '../flow/cardSamples.js';
import { reminderCardSamples } from '../reminders/cardSamples.js';
import { partnerCenterCardSamples } from '../partnerCenter/cardSamples.js';
import { azureCardSamples } from '../azureSupport/cardSamples.js';

/**
 * Every card the bot can send, built by the real builders with realistic data. tests/cards/cards.test.ts validates
 * each one in every locale and fails when a template in cards/ has no sample here.
 */
export interface CardSample {
  template: string;
  name: string;
  build(locale: Locale): Card | Promise<Card>;
}

export const cardSamples: CardSample[] = [
  { template: 'help', name: 'help', build: (l) => helpCard(translator(l)) },
  { template: 'welcome-personal', name: 'personal welcome', build: (l) => personalWelcomeCard(translator(l)) },
  { template: 'welcome-team', name: 'team welcome', build: (l) => teamWelcomeCard(translator(l), 'Helpdesk 支援') },
  ...flowCardSamples,
  ...reminderCardSamples,
  ...escalationCardSamples,
  ...partnerCenterCardSamples,
  ...azureCardSamples,
];
