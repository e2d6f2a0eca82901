import { renderCard } from '../../cards/render.js';
import type { Translate } from '../../i18n/index.js';
import type { Handler } from '../turn.js';

/** The commands as the help card lists them; the words match src/teams/registry.ts. */
const listed = ['newCase', 'cases', 'casesAll', 'caseId', 'settings', 'help'] as const;

export function helpCard(t: Translate) {
  return renderCard('help', {
    title: t('core.help.title'),
    intro: t('core.help.intro'),
    steps: t('core.help.steps'),
    commandsTitle: t('core.help.commandsTitle'),
    commands: listed.map((c) => ({ name: t(`core.command.${c}`), description: t(`core.command.${c}.description`) })),
    startCase: t('core.help.startCase'),
    myCases: t('core.help.myCases'),
  });
}

export const showHelp: Handler = async (turn) => ({ card: helpCard(turn.t) });
