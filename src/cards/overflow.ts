/**
 * Teams squeezes a row of four or five buttons into "Escal…", "接." (issue 13): the first three stay visible, the rest
 * go to the card's "…" menu (Adaptive Cards 1.5 `mode: "secondary"`). Callers order actions by importance.
 */
export const maxPrimaryActions = 3;

export function withOverflow<T extends object>(actions: T[], primary = maxPrimaryActions): (T & { mode: 'primary' | 'secondary' })[] {
  return actions.map((a, i) => ({ ...a, mode: i < primary ? 'primary' : 'secondary' }));
}
