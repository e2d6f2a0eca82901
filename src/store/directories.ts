import { sql, type Kysely, type Transaction } from 'kysely';
import type { DirectoryCustomer } from '../customers/directory.js';
import type { IsvEntry } from '../isv/directory.js';
import type { Database } from './schema.js';

/** Where a customer row came from; Partner Center sync (issue 14) writes 'partnerCenter' rows into the same table. */
export type CustomerSource = 'file' | 'import' | 'partnerCenter';
export type IsvSource = 'file' | 'import';
export type DirectoryName = 'customers' | 'isv';

/**
 * replace: the given rows become the directory's file/import rows; file/import rows not given are removed
 *          (the sheet is the partner's whole list, as CUSTOMERS_FILE was). Partner Center rows are kept.
 * merge:   the given rows are inserted or updated by id; nothing is removed.
 */
export type ImportMode = 'replace' | 'merge';

export interface ImportCounts {
  inserted: number;
  updated: number;
  removed: number;
  version: number;
}

export interface StoredCustomer extends DirectoryCustomer {
  source: CustomerSource;
  updatedAt: string;
}

/** Sources an import or seed may remove in replace mode: never rows another system owns. */
const replaceableSources = ['file', 'import'];

/** Customers and ISV contacts (migration 002). Every write bumps the directory's version in the same transaction. */

/** One customer as a row of the customers table (both engines store booleans as 0/1). */
function customerRow(c: DirectoryCustomer, source: CustomerSource, at: string) {
  return {
    id: c.id,
    display_name: c.name,
    tenant_id: c.tenantId ?? null,
    primary_domain: c.domain ?? null,
    cloud: c.cloud,
    has_admin_rights: c.relationship.hasAdminRights ? 1 : 0,
    azure_only: c.relationship.azureOnly ? 1 : 0,
    indirect_reseller: c.relationship.indirectReseller ? 1 : 0,
    source,
    created_at: at,
    updated_at: at,
  };
}

// Rows per multi-row statement: well under SQLite's 32 766 bound parameters (11 columns a row) and PostgreSQL's 65 535.
const rowsPerStatement = 500;

export class DirectoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The directory's version (0 before anything was written): one primary-key read, cheap enough for every card. */
  async version(name: DirectoryName): Promise<number> {
    const row = await this.db.selectFrom('directory_versions').select('version').where('name', '=', name).executeTakeFirst();
    return row ? Number(row.version) : 0;
  }

  async listCustomers(): Promise<StoredCustomer[]> {
    const rows = await this.db.selectFrom('customers').selectAll().execute();
    const customers = rows.map((r) => {
      const c: StoredCustomer = {
        id: r.id,
        name: r.display_name,
        cloud: r.cloud as DirectoryCustomer['cloud'],
        relationship: { hasAdminRights: !!Number(r.has_admin_rights), azureOnly: !!Number(r.azure_only), indirectReseller: !!Number(r.indirect_reseller) },
        source: r.source as CustomerSource,
        updatedAt: r.updated_at,
      };
      if (r.tenant_id) c.tenantId = r.tenant_id;
      if (r.primary_domain) c.domain = r.primary_domain;
      return c;
    });
    // By name in the partner's alphabet (collations differ between the engines, so sort here): the picker's order.
    return customers.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async countCustomers(): Promise<number> {
    const row = await this.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Writes customers from one source; see ImportMode. Returns what changed and the directory's new version. */
  async writeCustomers(customers: readonly DirectoryCustomer[], source: CustomerSource, at: string, mode: ImportMode): Promise<ImportCounts> {
    return this.db.transaction().execute(async (tx) => {
      const existing = new Set((await tx.selectFrom('customers').select('id').execute()).map((r) => r.id));
      let inserted = 0;
      let updated = 0;
      // One multi-row upsert per chunk instead of a statement per customer (a Partner Center sync writes thousands).
      // The last row of an id wins, as row-by-row upserts did; PostgreSQL refuses one statement touching a row twice.
      const unique = [...new Map(customers.map((c) => [c.id, c])).values()];
      for (let i = 0; i < unique.length; i += rowsPerStatement) {
        const rows = unique.slice(i, i + rowsPerStatement).map((c) => customerRow(c, source, at));
        await tx
          .insertInto('customers')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              display_name: eb.ref('excluded.display_name'),
              tenant_id: eb.ref('excluded.tenant_id'),
              primary_domain: eb.ref('excluded.primary_domain'),
              cloud: eb.ref('excluded.cloud'),
              has_admin_rights: eb.ref('excluded.has_admin_rights'),
              azure_only: eb.ref('excluded.azure_only'),
              indirect_reseller: eb.ref('excluded.indirect_reseller'),
              source: eb.ref('excluded.source'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      for (const c of customers) {
        if (existing.has(c.id)) updated++;
        else inserted++;
      }
      let removed = 0;
      if (mode === 'replace') {
        const keep = new Set(customers.map((c) => c.id));
        const gone = (await tx.selectFrom('customers').select(['id', 'source']).execute()).filter((r) => replaceableSources.includes(r.source) && !keep.has(r.id)).map((r) => r.id);
        for (let i = 0; i < gone.length; i += 500) {
          const res = await tx.deleteFrom('customers').where('id', 'in', gone.slice(i, i + 500)).executeTakeFirst();
          removed += Number(res.numDeletedRows);
        }
      }
      const version = await bump(tx, 'customers', at);
      return { inserted, updated, removed, version };
    });
  }

  /**
   * First-start seed: writes the customers only when the table is empty. Two instances starting together both try;
   * the insert ignores rows already there, so the second one adds nothing.
   */
  async seedCustomers(customers: readonly DirectoryCustomer[], at: string): Promise<number> {
    if ((await this.countCustomers()) > 0 || customers.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      let n = 0;
      for (let i = 0; i < customers.length; i += rowsPerStatement) {
        const rows = customers.slice(i, i + rowsPerStatement).map((c) => customerRow(c, 'file', at));
        const res = await tx.insertInto('customers').values(rows).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
        n += Number(res.numInsertedOrUpdatedRows ?? 0n);
      }
      if (n > 0) await bump(tx, 'customers', at);
      return n;
    });
  }

  /**
   * Removes `source` rows not written since `before`: customers the Partner Center sync (issue 14) no longer saw.
   * Bumps the version only when something went, so other instances reload just then.
   */
  async removeStaleCustomers(source: CustomerSource, before: string, at: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const res = await tx.deleteFrom('customers').where('source', '=', source).where('updated_at', '<', before).executeTakeFirst();
      const removed = Number(res.numDeletedRows);
      if (removed > 0) await bump(tx, 'customers', at);
      return removed;
    });
  }

  async listIsv(): Promise<IsvEntry[]> {
    const rows = await this.db.selectFrom('isv_directory').select('data').orderBy('product_name').execute();
    return rows.map((r) => JSON.parse(r.data) as IsvEntry);
  }

  async countIsv(): Promise<number> {
    const row = await this.db.selectFrom('isv_directory').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** `key` folds product names so an import updates the entry with the same name rather than adding a twin. */
  async writeIsv(entries: readonly IsvEntry[], key: (e: IsvEntry) => string, source: IsvSource, at: string, mode: ImportMode): Promise<ImportCounts> {
    return this.db.transaction().execute(async (tx) => {
      const existing = new Set((await tx.selectFrom('isv_directory').select('id').execute()).map((r) => r.id));
      const keep = new Set<string>();
      let inserted = 0;
      let updated = 0;
      for (const e of entries) {
        const id = key(e);
        if (keep.has(id)) continue;
        keep.add(id);
        const row = { product_name: e.productName, data: JSON.stringify(e), source, updated_at: at };
        await tx
          .insertInto('isv_directory')
          .values({ id, created_at: at, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        if (existing.has(id)) updated++;
        else inserted++;
      }
      let removed = 0;
      if (mode === 'replace') {
        const gone = [...existing].filter((id) => !keep.has(id));
        for (let i = 0; i < gone.length; i += 500) {
          const res = await tx.deleteFrom('isv_directory').where('id', 'in', gone.slice(i, i + 500)).executeTakeFirst();
          removed += Number(res.numDeletedRows);
        }
      }
      const version = await bump(tx, 'isv', at);
      return { inserted, updated, removed, version };
    });
  }

  async seedIsv(entries: readonly IsvEntry[], key: (e: IsvEntry) => string, at: string): Promise<number> {
    if ((await this.countIsv()) > 0 || entries.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      let n = 0;
      for (const e of entries) {
        const res = await tx
          .insertInto('isv_directory')
          .values({ id: key(e), product_name: e.productName, data: JSON.stringify(e), source: 'file', created_at: at, updated_at: at })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        n += Number(res.numInsertedOrUpdatedRows ?? 0n);
      }
      if (n > 0) await bump(tx, 'isv', at);
      return n;
    });
  }
}

async function bump(tx: Transaction<Database>, name: DirectoryName, at: string): Promise<number> {
  const row = await tx
    .insertInto('directory_versions')
    .values({ name, version: 1, updated_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version: sql<number>`directory_versions.version + 1`, updated_at: at }))
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}
