import { renderCard } from '../../cards/render.js';
import type { Translate } from '../../i18n/index.js';
import type { Handler } from '../turn.js';

/** The commands as the help card lists them; the words match src/teams/registry.ts. */
const listed = ['newCase', 'cases', 'casesAll', 'caseId', 'settings', 'help'] as const;

/**
 * In Chinese "my cases" and "case <ID>" are the same word (案例): one row says both (issue 13), instead of listing
 * 案例 twice as if they were two commands.
 */
function commandRows(t: Translate) {
  const rows = listed.map((c) => ({ id: c as string, name: t(`core.command.${c}`), description: t(`core.command.${c}.description`) }));
  const cases = t('core.command.cases');
  if (!t('core.command.caseId').startsWith(`${cases} `)) return rows;
  return rows
    .filter((r) => r.id !== 'caseId')
    .map((r) => (r.id === 'cases' ? { ...r, name: t('experience.help.casesOrId'), description: t('experience.help.casesOrId.description') } : r));
}

export function helpCard(t: Translate) {
  return renderCard('help', {
    title: t('core.help.title'),
    intro: t('core.help.intro'),
    steps: t('core.help.steps'),
    commandsTitle: t('core.help.commandsTitle'),
    commands: commandRows(t).map(({ name, description }) => ({ name, description })),
    startCase: t('core.help.startCase'),
    myCases: t('core.help.myCases'),
  });
}

export const showHelp: Handler = async (turn) => ({ card: helpCard(turn.t) });
