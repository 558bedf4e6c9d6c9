import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * Payments: what a checkout link needs (its integration, description, provider reference such as the
 * Stripe Checkout Session or the Mercado Pago preference, link expiry; the link itself is payment_link),
 * partial refunds (refunded_amount never exceeds amount), and one row per provider event applied, so a
 * redelivered or re-processed event changes nothing. Deal activities gain the payment types.
 */

const activityTypes = [
  "note",
  "call",
  "meeting",
  "task",
  "created",
  "stage_changed",
  "won",
  "lost",
  "reopened",
  "payment_paid",
  "payment_refunded",
]
  .map((type) => `'${type}'`)
  .join(", ");
const previousActivityTypes =
  "'note', 'call', 'meeting', 'task', 'created', 'stage_changed', 'won', 'lost', 'reopened'";

const statements = [
  `alter table payments
    add column integration_id uuid references integrations (id) on delete set null,
    add column description text,
    add column provider_reference text,
    add column refunded_amount numeric(15, 2) not null default 0,
    add column expires_at timestamptz(3),
    add constraint payments_refunded_check check (refunded_amount >= 0 and refunded_amount <= amount)`,
  `create index idx_payments_org_created on payments (organization_id, created_at desc, id desc)`,
  `create index idx_payments_provider_reference on payments (provider, provider_reference)
    where provider_reference is not null`,

  `create table payment_events (
    organization_id uuid not null references organizations (id) on delete cascade,
    payment_id uuid not null references payments (id) on delete cascade,
    provider text not null check (provider in ('mercadopago', 'stripe')),
    event_id text not null,
    type text not null,
    created_at timestamptz(3) not null default now(),
    primary key (organization_id, provider, event_id)
  )`,

  "alter table deal_activities drop constraint deal_activities_type_check",
  `alter table deal_activities
    add constraint deal_activities_type_check check (type in (${activityTypes}))`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    "delete from deal_activities where type in ('payment_paid', 'payment_refunded')",
    "alter table deal_activities drop constraint deal_activities_type_check",
    `alter table deal_activities
      add constraint deal_activities_type_check check (type in (${previousActivityTypes}))`,
    "drop table payment_events",
    "drop index idx_payments_provider_reference",
    "drop index idx_payments_org_created",
    `alter table payments
      drop constraint payments_refunded_check,
      drop column expires_at,
      drop column refunded_amount,
      drop column provider_reference,
      drop column description,
      drop column integration_id`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
