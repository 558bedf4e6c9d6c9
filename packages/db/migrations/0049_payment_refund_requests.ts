import { type Kysely, sql } from "kysely";

/*
 * Frozen in time: never edit once shipped, add a new migration instead.
 *
 * A refund asked with an Idempotency-Key was remembered by a marker row in `payment_events`
 * ("refund-request:<payment id>:<request key>", type `refund_request`), among the provider's events. It gets a
 * table of its own: one row per refund recorded for a request key (scoped to its caller, "user:<id>:<key>",
 * "apiKey:<id>:<key>"), so that the request retried is answered instead of refunding again. The markers move
 * into it and are deleted. They kept neither the amount nor the provider's refund id: the refund id is the
 * `refund:<id>` event written in the same transaction (the same `now()`), the amount stays null.
 */

const requestKeyOf = (marker: string) =>
  `substr(${marker}.event_id, length('refund-request:' || ${marker}.payment_id::text || ':') + 1)`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `create table payment_refund_requests (
      organization_id uuid not null references organizations (id) on delete cascade,
      payment_id uuid not null references payments (id) on delete cascade,
      request_key text not null,
      amount numeric(15, 2) check (amount > 0),
      outcome text not null check (outcome in ('refunded')),
      provider_refund_id text,
      created_at timestamptz(3) not null default now(),
      primary key (organization_id, payment_id, request_key)
    )`,
    `insert into payment_refund_requests
      (organization_id, payment_id, request_key, outcome, provider_refund_id, created_at)
    select marker.organization_id, marker.payment_id, ${requestKeyOf("marker")}, 'refunded',
      (select substr(refund.event_id, length('refund:') + 1)
        from payment_events refund
        where refund.organization_id = marker.organization_id
          and refund.provider = marker.provider
          and refund.payment_id = marker.payment_id
          and refund.event_id like 'refund:%'
          and refund.created_at = marker.created_at
        order by refund.event_id
        limit 1),
      marker.created_at
    from payment_events marker
    where marker.type = 'refund_request'
      and marker.event_id like 'refund-request:%'
    on conflict do nothing`,
    "delete from payment_events where type = 'refund_request' and event_id like 'refund-request:%'",
  ]) {
    await sql.raw(statement).execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `insert into payment_events (organization_id, payment_id, provider, event_id, type, created_at)
    select request.organization_id, request.payment_id, payment.provider,
      'refund-request:' || request.payment_id::text || ':' || request.request_key, 'refund_request',
      request.created_at
    from payment_refund_requests request
    join payments payment on payment.id = request.payment_id
    on conflict do nothing`,
    "drop table payment_refund_requests",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
