import type { Env } from '../config/env.js';
import { CaseRepository } from './cases.js';
import { sqliteCaseRows } from './sqliteCases.js';
import { postgresCaseRows } from './postgresCases.js';
import { ChannelRepository } from './channels.js';
import { openDb, type Db, type DbOptions } from './db.js';
import { DirectoryRepository } from './directories.js';
import { ReminderRepository } from './reminders.js';
import { TeamSettingsRepository } from './teamSettings.js';
import { IsvContactRepository } from './isvContacts.js';
import { PartnerCenterRepository } from './partnerCenter.js';
import { AzureTicketWatchRepository } from './azureTicketWatch.js';
import { PeopleRepository } from './people.js';

export interface Store {
  db: Db;
  cases: CaseRepository;
  channels: ChannelRepository;
  teamSettings: TeamSettingsRepository;
  reminders: ReminderRepository;
  isvContacts: IsvContactRepository;
  azureTickets: AzureTicketWatchRepository;
  directories: DirectoryRepository;
  /** Customers synced from Partner Center, the sync lease and the sealed refresh token (issue 14). */
  partnerCenter: PartnerCenterRepository;
  people: PeopleRepository;
  close(): Promise<void>;
}

/** Store settings from the environment, shared by the bot and `npm run import`. */
export const storeOptions = (env: Pick<Env, 'DATABASE_URL' | 'SQLITE_PATH' | 'DATABASE_POOL_MAX' | 'DATABASE_CA_FILE' | 'PGSSLROOTCERT'>): DbOptions => {
  const caFile = env.DATABASE_CA_FILE ?? env.PGSSLROOTCERT;
  return { ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), sqlitePath: env.SQLITE_PATH, poolMax: env.DATABASE_POOL_MAX, ...(caFile ? { caFile } : {}) };
};

export async function openStore(opts: DbOptions): Promise<Store> {
  const db = await openDb(opts);
  const caseRows = db.sqlite ? sqliteCaseRows(db.sqlite) : db.postgres ? postgresCaseRows(db.postgres) : undefined;
  if (!caseRows) throw new Error(`store: no case statements for ${db.engine}`);
  return {
    db,
    cases: new CaseRepository(db.kysely, caseRows, db.engine),
    channels: new ChannelRepository(db.kysely),
    teamSettings: new TeamSettingsRepository(db.kysely),
    reminders: new ReminderRepository(db.kysely, db.engine),
    isvContacts: new IsvContactRepository(db.kysely),
    azureTickets: new AzureTicketWatchRepository(db.kysely, db.engine),
    directories: new DirectoryRepository(db.kysely),
    partnerCenter: new PartnerCenterRepository(db.kysely),
    people: new PeopleRepository(db.kysely),
    close: () => db.close(),
  };
}
