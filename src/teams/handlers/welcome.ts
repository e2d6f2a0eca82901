import { renderCard, type Card } from '../../cards/render.js';
import type { Translate } from '../../i18n/index.js';
import { inert } from '../../text/inert.js';

export function personalWelcomeCard(t: Translate): Card {
  return renderCard('welcome-personal', {
    title: t('core.welcome.personal.title'),
    text: t('core.welcome.personal.text'),
    startCase: t('core.help.startCase'),
    help: t('core.command.help'),
  });
}

export function teamWelcomeCard(t: Translate, teamName: string): Card {
  return renderCard('welcome-team', {
    title: t('core.welcome.team.title', { team: inert(teamName) }),
    text: t('core.welcome.team.text'),
    useChannel: t('core.welcome.team.useChannel'),
    help: t('core.command.help'),
  });
}
