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

/** `chosen`: the card after "Use this channel for escalations" (issue 13): the button gives way to what was chosen. */
export function teamWelcomeCard(t: Translate, teamName: string, chosen = ''): Card {
  return renderCard('welcome-team', {
    title: t('core.welcome.team.title', { team: inert(teamName) }),
    text: t('core.welcome.team.text'),
    chosen,
    useChannel: t('core.welcome.team.useChannel'),
    help: t('core.command.help'),
  });
}
