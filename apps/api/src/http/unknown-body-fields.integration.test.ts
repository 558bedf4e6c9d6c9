import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { createDeal, type DealDto, type PageDto, stageAt, workspace } from "../routers/deals/deal-fixtures";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

interface ErrorDto {
  message: string;
  code: string;
  data: { httpStatus: number; appCode: string | null; fieldErrors: Record<string, string[]> | null };
  issues?: { code: string; path: (string | number)[]; keys?: string[]; message: string }[];
}

describe("fields a request body does not declare", () => {
  it("refuses a REST create with a misspelled field, naming it and the fields it takes, and creates nothing", async () => {
    const { token } = await api.register();
    const typo = await api.rest<ErrorDto>("POST", "/contacts", {
      token,
      body: { name: "Ana Souza", phon: "+5511987654321" },
    });
    expect(typo.status, JSON.stringify(typo.body)).toBe(400);
    expect(typo.body.code).toBe("BAD_REQUEST");
    expect(typo.body.data.appCode).toBe("VALIDATION_FAILED");
    expect(typo.body.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", path: [], keys: ["phon"] }),
    ]);
    expect(Object.keys(typo.body.data.fieldErrors ?? {})).toEqual(["phon"]);
    expect(typo.body.data.fieldErrors?.phon?.[0]).toMatch(
      /^Unknown field "phon"; the accepted fields are .*\bphone\b/,
    );
    expect(typo.body.message).toBe(typo.body.data.fieldErrors?.phon?.[0]);

    const contacts = await api.rest<PageDto<{ id: string }>>("GET", "/contacts", { token });
    expect(contacts.body.items).toEqual([]);
  });

  it("refuses a REST patch with a misspelled field, top-level or nested, and changes nothing", async () => {
    const { token, contactId, pipeline } = await workspace(api);
    const deal = await createDeal(api, token, {
      contactId,
      pipelineId: pipeline.id,
      stage: stageAt(pipeline, 0).id,
    });

    const typo = await api.rest<ErrorDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { expectedCloseDat: "2026-12-01" },
    });
    expect(typo.status, JSON.stringify(typo.body)).toBe(400);
    expect(typo.body.data.fieldErrors?.expectedCloseDat?.[0]).toMatch(
      /^Unknown field "expectedCloseDat"; the accepted fields are .*\bexpectedCloseDate\b/,
    );

    const nested = await api.rest<ErrorDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { title: "Renamed", value: { amount: "20.00", currncy: "USD" } },
    });
    expect(nested.status, JSON.stringify(nested.body)).toBe(400);
    expect(nested.body.issues).toEqual([
      expect.objectContaining({ code: "unrecognized_keys", path: ["value"], keys: ["currncy"] }),
    ]);
    expect(nested.body.data.fieldErrors?.["value.currncy"]).toEqual([
      'Unknown field "currncy"; the accepted fields are amount, currency',
    ]);

    const after = await api.rest<DealDto>("GET", `/deals/${deal.id}`, { token });
    expect(after.body).toMatchObject({ title: deal.title, expectedCloseDate: null, value: deal.value });

    // the path's {id} is part of the input the schema checks: a correct body still goes through
    const fixed = await api.rest<DealDto>("PATCH", `/deals/${deal.id}`, {
      token,
      body: { expectedCloseDate: "2026-12-01" },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.expectedCloseDate).toBe("2026-12-01");
  });

  it("refuses a tRPC mutation with a misspelled field, through the same schema", async () => {
    const { token } = await workspace(api);
    const client = api.trpc(token);
    const error = await client.tags.create
      .mutate({ name: "VIP", colour: "#22c55e" } as unknown as { name: string })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as { data: ErrorDto["data"] }).data;
    expect(data.httpStatus).toBe(400);
    expect(data.fieldErrors).toEqual({
      colour: ['Unknown field "colour"; the accepted fields are color, name'],
    });
    expect((error as Error).message).toBe('Unknown field "colour"; the accepted fields are color, name');

    const tags = await client.tags.list.query({});
    expect(tags.items).toEqual([]);
  });

  it("names every unknown field at once, and refuses one in a DELETE's query or a body that takes none", async () => {
    const { token, pipeline } = await workspace(api);
    const two = await api.rest<ErrorDto>("POST", "/tags", {
      token,
      body: { name: "VIP", colour: "#fff", nam: "x" },
    });
    expect(two.status).toBe(400);
    const both = 'Unknown fields "colour", "nam"; the accepted fields are color, name';
    expect(two.body.data.fieldErrors).toEqual({ colour: [both], nam: [both] });
    expect(two.body.message).toBe(both);

    const deleting = await api.rest<ErrorDto>(
      "DELETE",
      `/pipelines/${pipeline.id}?moveDealsToStage=${stageAt(pipeline, 0).id}`,
      { token },
    );
    expect(deleting.status, JSON.stringify(deleting.body)).toBe(400);
    expect(deleting.body.data.fieldErrors?.moveDealsToStage?.[0]).toMatch(
      /^Unknown field "moveDealsToStage"; .*moveDealsToStageId/,
    );
    expect((await api.rest("GET", `/pipelines/${pipeline.id}`, { token })).status).toBe(200);

    const logout = await api.rest<ErrorDto>("POST", "/auth/logout", { token, body: { everywhere: true } });
    expect(logout.status).toBe(400);
    expect(logout.body.data.fieldErrors).toEqual({
      everywhere: ['Unknown field "everywhere"; this takes no fields'],
    });
    expect((await api.rest("GET", "/auth/me", { token })).status).toBe(200);
  });

  it("says in the message what fieldErrors says, each field named, the same over REST and tRPC", async () => {
    const { token } = await workspace(api);
    const body = { name: "x".repeat(300), scopes: ["contacts:read"], role: "agent" };
    const rest = await api.rest<ErrorDto>("POST", "/api-keys", { token, body });
    expect(rest.status).toBe(400);
    expect(rest.body.data.fieldErrors).toEqual({
      name: [expect.any(String)],
      scopes: ['Unknown field "scopes"; the accepted fields are name, role'],
    });
    const joined = `name: ${rest.body.data.fieldErrors?.name?.[0]}; Unknown field "scopes"; the accepted fields are name, role`;
    expect(rest.body.message).toBe(joined);

    const error = await api
      .trpc(token)
      .apiKeys.create.mutate(body as never)
      .catch((thrown: unknown) => thrown);
    expect((error as Error).message).toBe(joined);
    expect((error as { data: ErrorDto["data"] }).data.fieldErrors).toEqual(rest.body.data.fieldErrors);
  });

  it("leaves free-form maps to their own checks: custom field values by key", async () => {
    const { token } = await workspace(api);
    const unknownField = await api.rest<ErrorDto>("POST", "/contacts", {
      token,
      body: { name: "Ana Souza", metadata: { vip: true } },
    });
    // not an unknown *field* of the body: the custom field definitions decide, with their own message
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.issues).toBeUndefined();
    expect(unknownField.body.data.fieldErrors).toEqual({ "metadata.vip": ['Unknown custom field "vip"'] });
  });

  it("documents request bodies as closed objects, nested ones included, and maps as open", async () => {
    const res = await fetch(`${api.baseUrl}/openapi.json`);
    const document = (await res.json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
      >;
    };
    interface Schema {
      additionalProperties?: unknown;
      properties?: Record<string, Schema>;
    }
    const body = (path: string, method: string) => {
      const schema = document.paths[path]?.[method]?.requestBody?.content["application/json"]?.schema;
      if (!schema) throw new Error(`${method} ${path} documents no body`);
      return schema;
    };
    expect(body("/deals/{id}", "patch").additionalProperties).toBe(false);
    expect(body("/deals/{id}", "patch").properties?.value?.additionalProperties).toBe(false);
    expect(body("/contacts", "post").additionalProperties).toBe(false);
    expect(body("/contacts", "post").properties?.metadata?.additionalProperties).toEqual(expect.any(Object));
    expect(body("/integrations", "post").additionalProperties).toBe(false);
  });
});
