/**
 * Everything the bot can do, in one place (DESIGN §5): each text command and each card verb mapped to its handler.
 * Handlers live in ./handlers/, one file per job; the Teams layer (bot.ts) only translates activities into these calls.
 */
import type { CommandSpec } from './commands.js';
import type { Handler } from './turn.js';
import { showHelp } from './handlers/help.js';
import { useChannelForEscalations } from './handlers/escalationChannel.js';
import { closeFromThread, postToChannelAgain, showEscalatedCase, takeOverCase } from './handlers/escalation.js';
import { recordSr, showRecordSrForm } from './handlers/serviceRequest.js';
import { isvResolved, isvStillWaiting, saveIsvContact, showIsv, showIsvForm } from './handlers/isv.js';
import { flowVerb, newCase, showCase, showCaseVerb } from './handlers/flow.js';
import { listAllCases, listMyCases } from './handlers/caseLists.js';
import { microsoftResponded, respondedFromThread, snooze, snoozeFromThread } from './handlers/reminderActions.js';
import { saveSettings, showSettings } from './handlers/settings.js';
import { syncCustomers } from './handlers/partnerCenter.js';
import { fileInAzure, listTickets, loadClassifications, saveTracking, showFileForm, showTrackForm } from './handlers/azureSupport.js';
import { saveHandover, showHandoverForm } from './handlers/handover.js';
import { myHours } from './handlers/myHours.js';

export const commands: CommandSpec[] = [
  { id: 'help', words: ['help', '?', 'hi', 'hello', '說明', '幫助', '帮助', '说明'], handler: showHelp },
  { id: 'newCase', words: ['new case', '新案例', '新增案例', '建立案例', '新建案例', '创建案例'], handler: newCase },
  { id: 'cases', words: ['cases', 'my cases', '案例', '我的案例'], handler: listMyCases },
  { id: 'casesAll', words: ['cases all', 'all cases', '所有案例', '全部案例'], handler: listAllCases },
  { id: 'caseId', words: ['case'], handler: showCase },
  { id: 'settings', words: ['settings', '設定', '设置'], handler: showSettings },
  { id: 'syncCustomers', words: ['sync customers', '同步客戶', '同步客户'], handler: syncCustomers },
  { id: 'myHours', words: ['my hours', '我的工作時間', '我的工作时间'], handler: myHours },
];

/**
 * Verb → handler. Looked up only through `verbHandler()`, which checks own keys: a card may send any string as its
 * verb, and `constructor` or `toString` must not find Object.prototype's functions (issue 9 point 2).
 */
export const verbs: Readonly<Record<string, Handler>> = {
  'help.show': showHelp,
  'channel.useForEscalations': useChannelForEscalations,
  'case.new': newCase,
  'cases.mine': listMyCases,
  'cases.all': listAllCases,
  'flow.case.show': showCaseVerb,
  'flow.intake.submit': flowVerb('intake.submit'),
  'flow.health.recheck': flowVerb('health.recheck'),
  'flow.health.attach': flowVerb('health.attach'),
  'flow.health.continue': flowVerb('health.continue'),
  'flow.knownIncident.continue': flowVerb('knownIncident.continue'),
  'flow.troubleshoot.continue': flowVerb('troubleshoot.continue'),
  'flow.troubleshoot.solved': flowVerb('troubleshoot.solved'),
  'flow.decide.escalate': flowVerb('decide.escalate'),
  'flow.decide.contactIsv': flowVerb('decide.contactIsv'),
  'flow.decide.ownTenant': flowVerb('decide.ownTenant'),
  'flow.decide.resolved': flowVerb('decide.resolved'),
  'flow.decide.backToTroubleshoot': flowVerb('decide.backToTroubleshoot'),
  'flow.decide.attachRequest': flowVerb('decide.attachRequest'),
  'flow.decide.recheckRequests': flowVerb('decide.recheckRequests'),
  'flow.close': flowVerb('close'),
  'escalation.post': postToChannelAgain,
  'escalation.takeOver': takeOverCase,
  'escalation.close': closeFromThread,
  'escalation.show': showEscalatedCase,
  'sr.form': showRecordSrForm,
  'sr.record': recordSr,
  'isv.show': showIsv,
  'isv.form': showIsvForm,
  'isv.save': saveIsvContact,
  'isv.resolved': isvResolved,
  'isv.stillWaiting': isvStillWaiting,
  'reminders.responded': microsoftResponded,
  'reminders.snooze': snooze,
  'reminders.thread.responded': respondedFromThread,
  'reminders.thread.snooze': snoozeFromThread,
  'settings.save': saveSettings,
  'azure.track.form': showTrackForm,
  'azure.track.list': listTickets,
  'azure.track.save': saveTracking,
  'azure.file.form': showFileForm,
  'azure.file.classifications': loadClassifications,
  'azure.file.submit': fileInAzure,
  'handover.form': showHandoverForm,
  'handover.save': saveHandover,
};

const verbTable: ReadonlyMap<string, Handler> = new Map(Object.entries(verbs));

export function verbHandler(verb: unknown): Handler | undefined {
  return typeof verb === 'string' ? verbTable.get(verb) : undefined;
}
