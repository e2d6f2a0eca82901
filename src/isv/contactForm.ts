/**
 * The form an agent fills from a product page when the publisher is not in the directory (issue 4 point 5).
 * Same rules as the directory file: the agent's paste is shown to the team as the vendor's contact.
 */
import { z } from 'zod';
import type { IsvContact } from '../flow/case.js';
import type { FieldError, Parsed, RawInputs } from '../flow/forms.js';
import { marketplaceProductLink } from '../links/marketplace.js';
import { safeExternalUrl } from '../links/safeUrl.js';
import { cleanLine } from '../escalation/plainText.js';
import { phonePattern } from './directory.js';

export const isvFields = ['productName', 'publisher', 'productUrl', 'supportUrl', 'supportEmail', 'supportPhone', 'supportHours'] as const;

const emailSchema = z.email().max(254);

const raw = (inputs: RawInputs, key: string): string => {
  const v = inputs[key];
  return typeof v === 'string' ? v : '';
};

export function parseIsvContactForm(inputs: RawInputs): Parsed<{ contact: IsvContact; save: boolean }> {
  const errors: FieldError[] = [];
  const tooLong = (key: string, max: number) => {
    if (Array.from(raw(inputs, key)).length > max) {
      errors.push({ field: key, key: 'isv.error.tooLong', params: { max } });
      return true;
    }
    return false;
  };
  const productName = cleanLine(raw(inputs, 'productName'), 200);
  if (!tooLong('productName', 200) && !productName) errors.push({ field: 'productName', key: 'isv.error.required' });
  const publisher = tooLong('publisher', 200) ? '' : cleanLine(raw(inputs, 'publisher'), 200);
  const hours = tooLong('supportHours', 200) ? '' : cleanLine(raw(inputs, 'supportHours'), 200);

  const contact: IsvContact = { productName };
  if (publisher) contact.publisher = publisher;
  if (hours) contact.supportHours = hours;

  const productUrl = raw(inputs, 'productUrl').trim();
  if (productUrl) {
    const page = marketplaceProductLink({ productUrl });
    if (page) contact.productUrl = page.url;
    else errors.push({ field: 'productUrl', key: 'isv.error.productUrl' });
  }
  const supportUrl = raw(inputs, 'supportUrl').trim();
  if (supportUrl) {
    const url = safeExternalUrl(supportUrl);
    if (url) contact.supportUrl = url.href;
    else errors.push({ field: 'supportUrl', key: 'isv.error.url' });
  }
  const email = raw(inputs, 'supportEmail').trim();
  if (email) {
    if (emailSchema.safeParse(email).success) contact.supportEmail = email;
    else errors.push({ field: 'supportEmail', key: 'isv.error.email' });
  }
  const phone = raw(inputs, 'supportPhone').trim();
  if (phone) {
    if (phone.length <= 40 && phonePattern.test(phone)) contact.supportPhone = phone;
    else errors.push({ field: 'supportPhone', key: 'isv.error.phone' });
  }
  if (!supportUrl && !email && !phone) errors.push({ field: 'supportUrl', key: 'isv.error.needOne' });

  if (errors.length) return { ok: false, errors };
  const save = inputs.saveToDirectory === true || inputs.saveToDirectory === 'true';
  return { ok: true, value: { contact, save } };
}
