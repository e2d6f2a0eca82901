import type { Generated } from 'kysely';

/**
 * Row shapes shared by SQLite and PostgreSQL. Times are ISO-8601 UTC text: they sort correctly as text in both
 * engines and avoid PostgreSQL returning bigints as strings. JSON columns are text for the same reason.
 */
export interface CasesTable {
  id: string;
  tenant_id: string;
  version: number;
  step: string;
  owner_id: string;
  team_id: string | null;
  customer_name: string | null;
  created_at: string;
  updated_at: string;
  data: string;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  version: number;
  at: string;
  actor_id: string;
  actor_name: string;
  kind: string;
  detail: string;
}

export interface ChannelsTable {
  conversation_id: string;
  tenant_id: string;
  kind: string;
  team_id: string | null;
  channel_id: string | null;
  team_name: string | null;
  channel_name: string | null;
  service_url: string;
  reference: string;
  active: number;
  installed_at: string;
  updated_at: string;
}

export interface TeamSettingsTable {
  team_id: string;
  tenant_id: string;
  version: number;
  data: string;
  updated_at: string;
  updated_by: string;
}

export interface RemindersTable {
  id: string;
  case_id: string;
  tenant_id: string;
  kind: string;
  due_at: string;
  state: string;
  attempts: number;
  claimed_by: string | null;
  lease_until: string | null;
  next_attempt_at: string | null;
  last_error: string | null;
  payload: string;
  created_at: string;
  sent_at: string | null;
}

export interface IsvContactsTable {
  id: string;
  tenant_id: string;
  product_name: string;
  data: string;
  created_at: string;
  created_by: string;
}

/** People the bot has seen and their Teams time zone (issue 13, quiet hours). */
export interface PeopleTable {
  tenant_id: string;
  user_id: string;
  aad_object_id: string | null;
  name: string;
  time_zone: string | null;
  updated_at: string;
}

/** Customer directory rows (migration 002); tenant_id is the customer's Entra tenant. */
export interface CustomersTable {
  id: string;
  display_name: string;
  tenant_id: string | null;
  primary_domain: string | null;
  cloud: string;
  has_admin_rights: number;
  azure_only: number;
  indirect_reseller: number;
  source: string;
  created_at: string;
  updated_at: string;
}

/** Issue 14 point 4: when the Azure ticket poll loop reads a case's ticket next (see store/azureTicketWatch.ts). */
export interface AzureTicketWatchTable {
  case_id: string;
  tenant_id: string;
  state: string;
  next_poll_at: string;
  attempts: number;
  claimed_by: string | null;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface IsvDirectoryTable {
  id: string;
  product_name: string;
  data: string;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface DirectoryVersionsTable {
  name: string;
  version: number;
  updated_at: string;
}

/** Sync schedule/lease and the encrypted refresh token (issue 14): a few named rows. */
export interface PartnerCenterStateTable {
  id: string;
  data: string;
  due_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

export interface MigrationsMarker {
  id: Generated<number>;
}

export interface Database {
  cases: CasesTable;
  case_events: CaseEventsTable;
  channels: ChannelsTable;
  team_settings: TeamSettingsTable;
  reminders: RemindersTable;
  isv_contacts: IsvContactsTable;
  people: PeopleTable;
  customers: CustomersTable;
  isv_directory: IsvDirectoryTable;
  directory_versions: DirectoryVersionsTable;
  partner_center_state: PartnerCenterStateTable;

  azure_ticket_watch: AzureTicketWatchTable;
}
