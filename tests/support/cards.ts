/**
 * Reading Adaptive Cards in tests: one copy of each helper (they used to be re-declared per test file).
 * Cards are plain JSON as the bot sends them; these walk every nested container, column, ShowCard and ActionSet.
 */

/** Every object anywhere under `node`, in document order (the node itself first). */
export function nodesOf(node: any): any[] {
  const out: any[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    out.push(n);
    Object.values(n).forEach(walk);
  };
  walk(node);
  return out;
}

/** Every action anywhere in a card (buttons in ActionSets and ShowCards too), optionally of one type. */
export function actionsOf(card: any, type?: string): any[] {
  return nodesOf(card).filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.') && (!type || n.type === type));
}

/** The card's inputs by id (Input.Text, Input.ChoiceSet…), wherever they sit. */
export function inputsOf(card: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const n of nodesOf(card)) if (typeof n.type === 'string' && n.type.startsWith('Input.')) out[n.id] = n;
  return out;
}

/** The attention-coloured line right after an input: the field's error. */
export function fieldError(card: any, id: string): string | undefined {
  let found: string | undefined;
  const walk = (arr: any[]) => {
    arr.forEach((n, i) => {
      if (n?.id === id && arr[i + 1]?.color === 'Attention') found = arr[i + 1].text;
      for (const v of Object.values(n ?? {})) if (Array.isArray(v)) walk(v);
    });
  };
  walk(card.body);
  return found;
}

/** The text of the first TextBlock after the element with this id (a form's message under a field). */
export function textAfter(card: any, id: string): string | undefined {
  const flat = nodesOf(card.body);
  const i = flat.findIndex((n) => n.id === id);
  return flat.slice(i + 1).find((n) => n.type === 'TextBlock')?.text as string | undefined;
}

/** Every `url` in the card (OpenUrl actions, selectActions, links), in document order. */
export const urlsOf = (card: any): string[] => JSON.stringify(card).match(/"url":"[^"]*"/g)?.map((m) => JSON.parse(m.slice(6)) as string) ?? [];

/** The case a card was rendered from: the caseId and version its buttons carry. */
export function cardRef(card: any): { caseId: string; version: number } {
  const a = actionsOf(card).find((x) => x.data?.caseId);
  if (!a) throw new Error('card carries no caseId');
  return { caseId: a.data.caseId as string, version: a.data.version as number };
}
