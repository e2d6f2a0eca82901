import { CaseRepository } from './cases.js';
import { ChannelRepository } from './channels.js';
import { openDb, type Db } from './db.js';
import { ReminderRepository } from './reminders.js';
import { TeamSettingsRepository } from './teamSettings.js';
import { IsvContactRepository } from './isvContacts.js';
import { PeopleRepository } from './people.js';

export interface Store {
  db: Db;
  cases: CaseRepository;
  channels: ChannelRepository;
  teamSettings: TeamSettingsRepository;
  reminders: ReminderRepository;
  isvContacts: IsvContactRepository;
  people: PeopleRepository;
  close(): Promise<void>;
}

export async function openStore(opts: { databaseUrl?: string; sqlitePath: string }): Promise<Store> {
  const db = await openDb(opts);
  return {
    db,
    cases: new CaseRepository(db.kysely),
    channels: new ChannelRepository(db.kysely),
    teamSettings: new TeamSettingsRepository(db.kysely),
    reminders: new ReminderRepository(db.kysely, db.engine),
    isvContacts: new IsvContactRepository(db.kysely),
    people: new PeopleRepository(db.kysely),
    close: () => db.close(),
  };
}
