import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IsvContact } from '../flow/case.js';
import type { Database } from './schema.js';

/** ISV contacts agents saved from product pages; they join the configured directory for later lookups. */
export class IsvContactRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(tenantId: string, contact: IsvContact, by: string, at: string): Promise<void> {
    await this.db
      .insertInto('isv_contacts')
      .values({ id: randomUUID(), tenant_id: tenantId, product_name: contact.productName, data: JSON.stringify(contact), created_at: at, created_by: by })
      .execute();
  }

  async list(tenantId: string): Promise<IsvContact[]> {
    const rows = await this.db.selectFrom('isv_contacts').select('data').where('tenant_id', '=', tenantId).orderBy('created_at').execute();
    return rows.map((r) => JSON.parse(r.data) as IsvContact);
  }
}
