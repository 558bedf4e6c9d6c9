import type { Migration } from "kysely/migration";
import * as m0001 from "../migrations/0001_initial";
import * as m0002 from "../migrations/0002_contacts";
import * as m0003 from "../migrations/0003_deals";
import * as m0004 from "../migrations/0004_conversations";
import * as m0005 from "../migrations/0005_conversations_api";
import * as m0006 from "../migrations/0006_ingestion";
import * as m0007 from "../migrations/0007_realtime";
import * as m0008 from "../migrations/0008_payments";
import * as m0009 from "../migrations/0009_deal_contact_activity";
import * as m0010 from "../migrations/0010_search_unaccent";
import * as m0012 from "../migrations/0012_deal_stage_totals";
import * as m0013 from "../migrations/0013_message_search_recent";
import * as m0014 from "../migrations/0014_contact_search_statistics";
import * as m0015 from "../migrations/0015_threads_per_integration";
import * as m0016 from "../migrations/0016_payment_expiry";
import * as m0017 from "../migrations/0017_deal_activity_order";
import * as m0018 from "../migrations/0018_message_arrival_order";
import * as m0019 from "../migrations/0019_contact_search_unaccent";
import * as m0020 from "../migrations/0020_import_row_reasons";
import * as m0021 from "../migrations/0021_lost_deal_paid";
import * as m0022 from "../migrations/0022_import_error_reason";
import * as m0023 from "../migrations/0023_payment_integration_deleted";
import * as m0024 from "../migrations/0024_idempotency_keys";
import * as m0025 from "../migrations/0025_record_versions";
import * as m0026 from "../migrations/0026_webhook_arrival_order";
import * as m0027 from "../migrations/0027_webhook_held";
import * as m0028 from "../migrations/0028_deal_search";
import * as m0029 from "../migrations/0029_sync_order";
import * as m0030 from "../migrations/0030_outgoing_webhooks";
import * as m0031 from "../migrations/0031_company_details";
import * as m0032 from "../migrations/0032_api_key_attribution";
import * as m0033 from "../migrations/0033_tag_name_key";
import * as m0034 from "../migrations/0034_message_send_started";
import * as m0035 from "../migrations/0035_payment_declines_refund_reservations";
import * as m0036 from "../migrations/0036_deletions";
import * as m0037 from "../migrations/0037_import_row_unchanged";
import * as m0038 from "../migrations/0038_import_fill";
import * as m0039 from "../migrations/0039_payment_link_activities";
import * as m0040 from "../migrations/0040_lost_reasons";
import * as m0041 from "../migrations/0041_import_preview";
import * as m0044 from "../migrations/0044_import_warnings";
import * as m0045 from "../migrations/0045_deal_field_activities";
import * as m0046 from "../migrations/0046_refund_unconfirmed";
import * as m0047 from "../migrations/0047_contact_email_local_part";
import * as m0048 from "../migrations/0048_company_name_key";
import * as m0049 from "../migrations/0049_payment_refund_requests";
import * as m0050 from "../migrations/0050_import_preview_confirm";
import * as m0051 from "../migrations/0051_activity_agenda";
import * as m0052 from "../migrations/0052_import_preview_sweep";
import * as m0053 from "../migrations/0053_company_name_key_unique";

/**
 * Every migration, by name, in order. Listed by hand (not read from a folder) so that bundlers and
 * `tsx` resolve them like any import. Add a line per new migration.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_contacts": m0002,
  "0003_deals": m0003,
  "0004_conversations": m0004,
  "0005_conversations_api": m0005,
  "0006_ingestion": m0006,
  "0007_realtime": m0007,
  "0008_payments": m0008,
  "0009_deal_contact_activity": m0009,
  "0010_search_unaccent": m0010,
  "0012_deal_stage_totals": m0012,
  "0013_message_search_recent": m0013,
  "0014_contact_search_statistics": m0014,
  "0015_threads_per_integration": m0015,
  "0016_payment_expiry": m0016,
  "0017_deal_activity_order": m0017,
  "0018_message_arrival_order": m0018,
  "0019_contact_search_unaccent": m0019,
  "0020_import_row_reasons": m0020,
  "0021_lost_deal_paid": m0021,
  "0022_import_error_reason": m0022,
  "0023_payment_integration_deleted": m0023,
  "0024_idempotency_keys": m0024,
  "0025_record_versions": m0025,
  "0026_webhook_arrival_order": m0026,
  "0027_webhook_held": m0027,
  "0028_deal_search": m0028,
  "0029_sync_order": m0029,
  "0030_outgoing_webhooks": m0030,
  "0031_company_details": m0031,
  "0032_api_key_attribution": m0032,
  "0033_tag_name_key": m0033,
  "0034_message_send_started": m0034,
  "0035_payment_declines_refund_reservations": m0035,
  "0036_deletions": m0036,
  "0037_import_row_unchanged": m0037,
  "0038_import_fill": m0038,
  "0039_payment_link_activities": m0039,
  "0040_lost_reasons": m0040,
  "0041_import_preview": m0041,
  "0044_import_warnings": m0044,
  "0045_deal_field_activities": m0045,
  "0046_refund_unconfirmed": m0046,
  "0047_contact_email_local_part": m0047,
  "0048_company_name_key": m0048,
  "0049_payment_refund_requests": m0049,
  "0050_import_preview_confirm": m0050,
  "0051_activity_agenda": m0051,
  "0052_import_preview_sweep": m0052,
  "0053_company_name_key_unique": m0053,
};
