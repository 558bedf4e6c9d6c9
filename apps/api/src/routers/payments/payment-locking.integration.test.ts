import { readEnv } from "@crm/db/cli/env";
import { postWebhook } from "@crm/integrations/testing";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { waitForLockWaiter } from "../../testing/lock-waiter";
import type { DealDto } from "../deals/deal-fixtures";
import { createPaymentOk, paymentWorkspace, usePaymentsTestbed, waitForPayment } from "./payment-fixtures";

const bed = usePaymentsTestbed();

// PGlite runs one transaction at a time: locks never meet there
describe.skipIf(!readEnv().databaseUrl)("a paid webhook while the deal's pipeline changes (Postgres)", () => {
  it("locks the pipeline before the deal, as deal edits and stage removals do, so none can deadlock", async () => {
    const { token, deal, pipeline, integrationId } = await paymentWorkspace(
      bed.api,
      "stripe",
      bed.stripe.config,
    );
    const created = await createPaymentOk(bed.api, token, { dealId: deal.id });
    const session = bed.stripe.pay(created.providerReference ?? "");

    // what a stage removal does, one step at a time: lock the pipeline, then its deals
    await bed.api.container.db.db.transaction().execute(async (trx) => {
      await sql`select id from pipelines where id = ${pipeline.id} for update`.execute(trx);
      const res = await postWebhook(
        bed.stripeHook(integrationId),
        bed.stripe.signedWebhook(bed.stripe.event("checkout.session.completed", session)),
      );
      expect(res.status).toBe(200);
      await waitForLockWaiter(bed.api, "pipelines");
      // the waiting webhook must not hold the deal: NOWAIT fails at once (55P03) if it does
      await sql`select id from deals where id = ${deal.id} for update nowait`.execute(trx);
    });

    await waitForPayment(bed.api, token, created.id, { status: "paid" });
    const won = await bed.api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(won.body.status).toBe("won");
  });
});
