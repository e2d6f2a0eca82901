/**
 * The ISV directory (issue 4 point 5): marketplace products and their publishers' support contacts, from
 * ISV_DIRECTORY_FILE, validated at start. Seed 001 "Support for commercial marketplace products": Microsoft gives
 * no product support; the partner contacts the publisher with the contact shown on the product page.
 * A wrong address here is shown to a partner as the vendor's real contact, so a bad entry stops the start with a
 * message naming the entry and the field, and every address must pass safeExternalUrl.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IsvContact } from '../flow/case.js';
import { marketplaceProductLink } from '../links/marketplace.js';
import { safeExternalUrl } from '../links/safeUrl.js';

export interface IsvEntry extends IsvContact {
  /** Other names agents may type: Chinese product names (zh-TW, zh-CN), former names. */
  aliases: string[];
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `longer than ${max} characters`)
    .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'contains control or invisible formatting characters');
const optional = <T extends z.ZodType<string | undefined>>(s: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), s.optional());

const httpsUrl = text(2048).refine((s) => safeExternalUrl(s) !== null, 'not a plain https:// address to a named host');

/** Digits, spaces and the usual phone punctuation; "ext." for extensions. Nothing a dialer or markdown would interpret otherwise. */
export const phonePattern = /^\+?[0-9][0-9 ().\-/]{3,28}[0-9](?: ?(?:ext\.?|x) ?[0-9]{1,6})?$/i;

export const isvEntrySchema = z
  .object({
    name: text(200).min(1, 'required'),
    chineseNames: z.array(text(200).min(1, 'empty name')).max(10).optional(),
    aliases: z.array(text(200).min(1, 'empty name')).max(10).optional(),
    publisher: optional(text(200)),
    offerId: optional(text(300).refine((s) => marketplaceProductLink({ offerId: s }) !== undefined, 'not a marketplace offer ID such as publisher.offer')),
    productUrl: optional(httpsUrl.refine((s) => marketplaceProductLink({ productUrl: s }) !== undefined, 'not an Azure Marketplace or AppSource product page')),
    supportUrl: optional(httpsUrl),
    supportEmail: optional(z.email('not an e-mail address').max(254)),
    supportPhone: optional(text(40).regex(phonePattern, 'not a phone number (digits, spaces, + ( ) - .)')),
    supportHours: optional(text(200)),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.supportUrl && !e.supportEmail && !e.supportPhone) {
      ctx.addIssue({ code: 'custom', path: ['supportUrl'], message: 'give at least one of supportUrl, supportEmail, supportPhone' });
    }
  });

export const isvDirectoryFileSchema = z.object({ products: z.array(z.unknown()) }).strict();

export class IsvDirectoryError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

function toEntry(e: z.infer<typeof isvEntrySchema>): IsvEntry {
  const entry: IsvEntry = { productName: e.name, aliases: [...(e.chineseNames ?? []), ...(e.aliases ?? [])] };
  if (e.publisher) entry.publisher = e.publisher;
  const page = marketplaceProductLink({ productUrl: e.productUrl, offerId: e.offerId });
  if (page) entry.productUrl = page.url;
  if (e.supportUrl) entry.supportUrl = safeExternalUrl(e.supportUrl)!.href;
  if (e.supportEmail) entry.supportEmail = e.supportEmail;
  if (e.supportPhone) entry.supportPhone = e.supportPhone;
  if (e.supportHours) entry.supportHours = e.supportHours;
  return entry;
}

/** Parses the file's JSON; every problem is one line: `products[2] "Contoso Backup": supportUrl: …`. */
export function parseIsvDirectory(json: unknown, source = 'ISV directory'): IsvEntry[] {
  const file = isvDirectoryFileSchema.safeParse(json);
  if (!file.success) throw new IsvDirectoryError([`${source}: expected {"products": [ … ]}`]);
  const lines: string[] = [];
  const entries: IsvEntry[] = [];
  file.data.products.forEach((raw, i) => {
    const parsed = isvEntrySchema.safeParse(raw);
    if (parsed.success) {
      entries.push(toEntry(parsed.data));
      return;
    }
    const name = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? ` "${(raw as { name: string }).name.slice(0, 60)}"` : '';
    for (const issue of parsed.error.issues) {
      const field = issue.path.length ? issue.path.join('.') : 'entry';
      lines.push(`${source}: products[${i}]${name}: ${field}: ${issue.message}`);
    }
  });
  if (lines.length) throw new IsvDirectoryError(lines);
  return entries;
}

export function loadIsvDirectory(path: string): IsvEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new IsvDirectoryError([`${path}: ${(err as Error).message}`]);
  }
  return parseIsvDirectory(json, path);
}

/** Width-, case- and space-insensitive form, so "ＣＯＮＴＯＳＯ  backup" finds "Contoso Backup". */
export const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{Cf}]+/gu, ' ').trim();

/**
 * Products matching what the agent typed, best first: exact name, then a name that starts with it, then a name
 * that contains it (or is contained in it: "Contoso Backup Pro 2024" still finds "Contoso Backup Pro").
 * Chinese names and aliases count like the product name.
 */
export function lookupIsv(entries: readonly IsvEntry[], query: string): IsvEntry[] {
  const q = fold(query);
  if (q.length < 2) return [];
  const scored: { entry: IsvEntry; score: number }[] = [];
  for (const entry of entries) {
    let best = 0;
    for (const name of [entry.productName, ...entry.aliases].map(fold)) {
      const score = name === q ? 4 : name.startsWith(q) ? 3 : name.includes(q) ? 2 : name.length >= 3 && q.includes(name) ? 1 : 0;
      best = Math.max(best, score);
    }
    if (best > 0) scored.push({ entry, score: best });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.entry);
}

/** A stored contact (typed by an agent) as a directory entry; re-validated on read, like any input from the store. */
export function entryOfContact(c: IsvContact): IsvEntry {
  const entry: IsvEntry = { productName: c.productName, aliases: [] };
  if (c.publisher) entry.publisher = c.publisher;
  const page = marketplaceProductLink({ productUrl: c.productUrl });
  if (page) entry.productUrl = page.url;
  const support = safeExternalUrl(c.supportUrl);
  if (support) entry.supportUrl = support.href;
  if (c.supportEmail) entry.supportEmail = c.supportEmail;
  if (c.supportPhone && phonePattern.test(c.supportPhone)) entry.supportPhone = c.supportPhone;
  if (c.supportHours) entry.supportHours = c.supportHours;
  return entry;
}

export function contactOf(e: IsvEntry): IsvContact {
  const { aliases: _aliases, ...contact } = e;
  return contact;
}
