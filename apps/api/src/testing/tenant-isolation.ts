import { expect } from "vitest";
import type { RestResponse, TestApi } from "./harness";

export interface IsolationProbe {
  name: string;
  call(token: string, id: string): Promise<RestResponse<unknown>>;
}

/**
 * Creates a record in one organization, then checks every probe: the owner of another organization gets 404
 * (never 403: nothing tells it the id exists), while the record's own owner does not.
 */
export async function expectTenantIsolation(
  api: TestApi,
  create: (ownerToken: string) => Promise<string>,
  probes: IsolationProbe[],
): Promise<void> {
  const home = await api.register();
  const stranger = await api.register();
  for (const probe of probes) {
    const id = await create(home.token);
    const foreign = await probe.call(stranger.token, id);
    expect(foreign.status, `${probe.name} from another organization`).toBe(404);
    const own = await probe.call(home.token, id);
    expect(own.status, `${probe.name} from the same organization`).not.toBe(404);
  }
}
