/**
 * What a transition asks the outside world to do, as plain data. The Teams layer executes these
 * after the new case version is stored (so a failed post never loses the state change, and a
 * retried click never posts twice: the second click is a version conflict).
 * The escalation-package and reminder issues add their own members here.
 */
export type Effect =
  /** Ask the health providers about this case's customer, cloud and product, then apply `health.checked`. */
  | { type: 'checkHealth' }
  /** Start the case's thread in the team's escalation channel (issue 4). */
  | { type: 'postEscalation' }
  /** Show / post the marketplace publisher's support contact (issue 4). */
  | { type: 'postIsvContact' }
  /** Re-render the case card at the root of its channel thread. */
  | { type: 'updateThreadCard' }
  /** A short reply in the case's channel thread, text from i18n. */
  | { type: 'threadReply'; key: string; params: Record<string, string> }
  /** Ask Partner Center for the customer's open service requests, then apply `requests.checked` (issue 14). */
  | { type: 'checkServiceRequests' }
  | { type: 'scheduleReminders' }
  | { type: 'cancelReminders' }
  /** Follow-the-sun handover (issue 13): the note in the thread that mentions the new owner (src/escalation/handoverNote.ts). */
  | { type: 'handoverNote'; note: HandoverNote };

export interface HandoverNote {
  to: { id: string; name: string };
  from: string;
  tried: string;
  pending: string;
  /** The receiver's IANA zone, and whether it is theirs (Teams reported it) or the team's stand-in. */
  timeZone: string;
  zoneKnown: boolean;
}
