import {
  contactImportFileErrorCodes,
  contactImportModes,
  contactImportReasonCodes,
  contactImportRowOutcomes,
} from "@crm/contracts";
import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import { ptBR } from "../../i18n/pt-br";
import { type MessageKey, type Messages, type Translate, translate } from "../../i18n/translate";
import {
  checkImportFile,
  checkImportText,
  confirmRefusalOf,
  defaultImportMode,
  describeImportFailure,
  describeImportRow,
  type ImportRow,
  importModes,
  importPollInterval,
  importProgress,
  isImportFinished,
  isPreviewUnusable,
  maxImportFileBytes,
  outcomeTones,
  previewTotals,
  rowOutcomeLabels,
} from "./import-state";

describe("CSV import state", () => {
  it("shows an indeterminate bar until the job has counted the rows", () => {
    expect(importProgress({ status: "queued", total: null, processed: 0 })).toBeNull();
  });

  it("reports the share of processed rows while running", () => {
    expect(importProgress({ status: "running", total: 8, processed: 3 })).toBe(38);
    expect(importProgress({ status: "running", total: 0, processed: 0 })).toBe(100);
  });

  it("is full once completed, whatever the counters say", () => {
    expect(importProgress({ status: "completed", total: 10, processed: 9 })).toBe(100);
  });

  it("polls while queued or running and stops when the job is done", () => {
    expect(importPollInterval(undefined)).toBe(1000);
    expect(importPollInterval({ status: "queued" })).toBe(1000);
    expect(importPollInterval({ status: "running" })).toBe(1000);
    expect(importPollInterval({ status: "completed" })).toBe(false);
    expect(importPollInterval({ status: "failed" })).toBe(false);
    expect(isImportFinished({ status: "failed" })).toBe(true);
  });

  it("refuses a missing, non-CSV, empty or too large file before uploading", () => {
    expect(checkImportFile(null)).toBe("contacts.import.noFile");
    expect(checkImportFile({ name: "people.xlsx", size: 10 })).toBe("contacts.import.notCsv");
    expect(checkImportFile({ name: "people.CSV", size: 0 })).toBe("contacts.import.emptyFile");
    expect(checkImportFile({ name: "people.csv", size: maxImportFileBytes + 1 })).toBe(
      "contacts.import.tooLarge",
    );
    expect(checkImportFile({ name: "people.csv", size: 120 })).toBeNull();
  });

  it("refuses a file of blank lines, or one that is not text (a workbook saved as .csv)", () => {
    expect(checkImportText(" \r\n\n")).toBe("contacts.import.emptyFile");
    expect(checkImportText("PK\u0003\u0004\u0000\u0000")).toBe("contacts.import.notCsv");
    expect(checkImportText("nome;telefone\nAna;11987654321")).toBeNull();
  });
});

const translator = (messages: Messages, locale: "en" | "pt-BR") =>
  ((key: MessageKey, params?: Record<string, string | number>) =>
    translate(messages, key, params, locale)) as Translate;
const pt = translator(ptBR, "pt-BR");
const english = translator(en, "en");

describe("an import row's report", () => {
  const row = (reasons: ImportRow["reasons"], reason = "English from the API") => ({ reason, reasons });

  it("words each reason in the reader's language, without internal keys", () => {
    const date = {
      code: "impossible_date" as const,
      params: { field: "aniversario", label: "Aniversário", value: "31/02/1990", order: "dmy" },
    };
    expect(describeImportRow(pt, row([date]))).toBe(
      "Aniversário: “31/02/1990” não existe no calendário (lido como DD/MM/AAAA).",
    );
    expect(describeImportRow(english, row([date]))).toBe(
      "Aniversário: “31/02/1990” is not a day of the calendar (read as DD/MM/YYYY).",
    );
    const unread = {
      code: "invalid_date" as const,
      params: { label: "Aniversário", value: "ontem", order: "dmy" },
    };
    expect(describeImportRow(pt, row([unread]))).toBe(
      "Aniversário: “ontem” não é uma data. Escreva como DD/MM/AAAA ou AAAA-MM-DD.",
    );
    expect(describeImportRow(pt, row([{ code: "duplicate", params: { by: "phone" } }]))).toBe(
      "Já existe um contato com este telefone.",
    );
    expect(describeImportRow(pt, row([{ code: "duplicate", params: { by: "id" } }]))).toBe(
      "Este contato já existe (mesmo id).",
    );
    expect(
      describeImportRow(english, row([{ code: "id_conflict", params: { by: "email", contactId: "c2" } }])),
    ).toBe("The id names one contact, but the email belongs to another contact.");
    expect(describeImportRow(pt, row([{ code: "row_too_long", params: { values: 10, columns: 9 } }]))).toBe(
      "A linha tem 10 valores, mas o cabeçalho só tem 9 colunas: os valores a mais ficariam sem coluna.",
    );
    expect(
      describeImportRow(
        pt,
        row([
          { code: "invalid_email", params: {} },
          { code: "field_required", params: { field: "cpf", label: "CPF" } },
        ]),
      ),
    ).toBe("O e-mail não é válido. CPF é obrigatório.");
  });

  it("has a wording for every reason code in both languages", () => {
    for (const code of contactImportReasonCodes) {
      const params = {
        label: "Campo",
        value: "x",
        max: 5,
        options: "a, b",
        values: 3,
        columns: 2,
        message: "m",
      };
      for (const t of [pt, english]) {
        const text = describeImportRow(t, row([{ code, params }]));
        expect(text, code).not.toMatch(/contacts\.import|\{\w+\}/);
      }
    }
  });

  it("tells a row separated by another character than the header to save the file again", () => {
    const mismatch = {
      code: "separator_mismatch" as const,
      params: { separator: ";", headerSeparator: "," },
    };
    expect(describeImportRow(pt, row([mismatch]))).toBe(
      "A linha separa as colunas com “;”, mas o cabeçalho com “,”: a linha não foi importada para não virar um só nome. Abra o arquivo, deixe cada coluna do cabeçalho em sua própria célula e salve de novo.",
    );
  });

  it("follows a row's outcome with the values it was imported without", () => {
    const warning = {
      field: "faturamento",
      reason: {
        code: "invalid_number" as const,
        params: { field: "faturamento", label: "Faturamento", value: "muito" },
      },
    };
    expect(describeImportRow(pt, { reason: null, reasons: [], warnings: [warning] })).toBe(
      "Valor não importado (o resto da linha foi): Faturamento: “muito” não é um número.",
    );
    expect(
      describeImportRow(english, {
        reason: "Changed: name",
        reasons: [{ code: "changed_fields", params: { fields: "name" } }],
        warnings: [warning],
      }),
    ).toBe(
      "Changed: name. Value left out (the rest of the row was imported): Faturamento: “muito” is not a number.",
    );
    expect(describeImportRow(pt, { reason: null, reasons: [], warnings: [] })).toBeNull();
  });

  it("names the earlier row a repeated row repeats, and the fields an update changed", () => {
    const repeated = { code: "duplicate_in_file" as const, params: { row: 5, by: "email" } };
    expect(describeImportRow(pt, row([repeated]))).toBe(
      "Repete a linha 5 deste arquivo: só a primeira linha de uma mesma pessoa é importada.",
    );
    expect(describeImportRow(english, row([repeated]))).toBe(
      "Repeats row 5 of this file: only the first row about a person is imported.",
    );
    const changed = {
      code: "changed_fields" as const,
      params: { fields: "name,email,phone,company,metadata.plano,tags" },
    };
    expect(describeImportRow(pt, row([changed]))).toBe(
      "Alterou: nome, e-mail, telefone, empresa, plano, tags.",
    );
    expect(describeImportRow(english, row([changed]))).toBe(
      "Changed: name, email, phone, company, plano, tags.",
    );
    // a custom field by its label, as the contact's page shows it; by its key once it is deleted
    const labels = { plano: "Plano de assinatura" };
    expect(describeImportRow(pt, row([changed]), labels)).toBe(
      "Alterou: nome, e-mail, telefone, empresa, Plano de assinatura, tags.",
    );
    expect(describeImportRow(english, row([changed]), { outro: "Outro" })).toBe(
      "Changed: name, email, phone, company, plano, tags.",
    );
    expect(describeImportRow(pt, row([{ code: "nothing_to_fill", params: {} }]))).toBe(
      "O contato já tem valor em todos os campos que a linha traz: nada a completar.",
    );
  });

  it("shows the API's English text for rows reported before reasons had codes", () => {
    expect(describeImportRow(pt, row([], "phone: Invalid phone number"))).toBe("phone: Invalid phone number");
    expect(describeImportRow(pt, { reason: null, reasons: [] })).toBeNull();
  });

  it("labels each row's outcome in the singular", () => {
    expect(pt(rowOutcomeLabels.created)).toBe("Criado");
    expect(pt(rowOutcomeLabels.skipped)).toBe("Pulado");
    expect(pt(rowOutcomeLabels.error)).toBe("Erro");
    expect(english(rowOutcomeLabels.error)).toBe("Error");
  });

  it("labels a row an update left as it was unchanged, as the summary counts it, not skipped", () => {
    expect(pt(rowOutcomeLabels.unchanged)).toBe("Sem alteração");
    expect(english(rowOutcomeLabels.unchanged)).toBe("Unchanged");
    expect(outcomeTones.unchanged).toBe("neutral");
  });

  it("labels every outcome the API reports, in both languages", () => {
    for (const outcome of contactImportRowOutcomes) {
      for (const t of [pt, english])
        expect(t(rowOutcomeLabels[outcome]), outcome).not.toMatch(/contacts\.import/);
    }
  });
});

describe("a preview's totals", () => {
  const job = { created: 3, updated: 2, unchanged: 1, skipped: 4, failed: 5 };

  it("counts a fill's updates as completed contacts, and an update's as updated", () => {
    const filling = previewTotals({ ...job, onDuplicate: "fill" });
    expect(filling.map((total) => [pt(total.label), total.value])).toEqual([
      ["Novos", 3],
      ["Completados", 2],
      ["Sem mudança", 1],
      ["Ignorados", 4],
      ["Com erro", 5],
    ]);
    expect(previewTotals({ ...job, onDuplicate: "update" }).map((total) => pt(total.label))).toContain(
      "Atualizados",
    );
  });
});

describe("a failed import", () => {
  const failed = (code: (typeof contactImportFileErrorCodes)[number], params = {}) => ({
    errorReason: { code, params },
  });

  it("says why in the reader's language", () => {
    expect(describeImportFailure(pt, failed("same_column", { first: "Telefone", second: "Celular" }))).toBe(
      "As colunas “Telefone” e “Celular” querem dizer a mesma coisa. Deixe só uma delas.",
    );
    expect(describeImportFailure(english, failed("duplicate_column", { column: "email" }))).toBe(
      "The column “email” appears twice in the first line.",
    );
    expect(describeImportFailure(pt, failed("no_known_columns"))).toMatch(/^A primeira linha não tem/);
  });

  it("words every code the API sends, in both languages", () => {
    const params = { max: 5, column: "c", first: "a", second: "b", message: "m" };
    for (const code of contactImportFileErrorCodes) {
      for (const t of [pt, english]) {
        expect(describeImportFailure(t, failed(code, params)), code).not.toMatch(/contacts\.import|\{\w+\}/);
      }
    }
  });

  it("keeps the general sentence for imports that failed before failures had codes", () => {
    expect(describeImportFailure(pt, { errorReason: null })).toBe(
      "A importação parou antes do fim. Confira se o arquivo é um CSV válido e tente de novo.",
    );
  });
});

describe("confirming a preview", () => {
  it("words each refusal the API names in data.fieldReasons.id, in both languages", () => {
    const reasons = [
      "not_a_preview",
      "preview_not_finished",
      "preview_failed",
      "already_confirmed",
      "preview_file_gone",
    ];
    for (const reason of reasons) {
      const key = confirmRefusalOf({
        data: { appCode: "PRECONDITION_FAILED", fieldReasons: { id: reason } },
      });
      expect(key, reason).toBe(`contacts.import.confirm.${reason}`);
      if (key) for (const t of [pt, english]) expect(t(key)).not.toMatch(/contacts\.import/);
    }
    // the form keeps the file chosen: the sentence says so, not to choose it again
    expect(pt("contacts.import.confirm.preview_file_gone")).toMatch(
      /^O arquivo desta pré-visualização.*continuam escolhidos: clique em Pré-visualizar/,
    );
    expect(english("contacts.import.confirm.preview_file_gone")).toMatch(/still chosen: click Preview/);
    for (const t of [pt, english])
      expect(t("contacts.import.confirm.preview_file_gone")).not.toMatch(/Escolha|Choose/);
    expect(confirmRefusalOf({ data: { appCode: "FORBIDDEN", fieldReasons: null } })).toBeNull();
    // a preview the daily retention deleted answers 404: it expired
    expect(confirmRefusalOf({ data: { appCode: "NOT_FOUND", fieldReasons: null } })).toBe(
      "contacts.import.confirm.preview_expired",
    );
    expect(pt("contacts.import.confirm.preview_expired")).toMatch(/expirou.*clique em Pré-visualizar/);
    expect(english("contacts.import.confirm.preview_expired")).toMatch(/expired.*click Preview/);
    expect(confirmRefusalOf(new Error("offline"))).toBeNull();
  });

  it("drops a preview only once it can never be imported: deleted (404) or without its file", () => {
    const refused = (appCode: string, reason?: string) => ({
      data: { appCode, fieldReasons: reason ? { id: reason } : null },
    });
    expect(isPreviewUnusable(refused("NOT_FOUND"))).toBe(true);
    expect(isPreviewUnusable(refused("PRECONDITION_FAILED", "preview_file_gone"))).toBe(true);
    expect(isPreviewUnusable(refused("PRECONDITION_FAILED", "preview_not_finished"))).toBe(false);
    expect(isPreviewUnusable(refused("CONFLICT", "already_confirmed"))).toBe(false);
    expect(isPreviewUnusable(refused("FORBIDDEN"))).toBe(false);
    expect(isPreviewUnusable(new Error("offline"))).toBe(false);
  });

  it("stops polling a preview or import that answered 404, not one that failed to answer", () => {
    const gone = { data: { appCode: "NOT_FOUND" } };
    expect(importPollInterval({ status: "running" }, gone)).toBe(false);
    expect(importPollInterval(undefined, gone)).toBe(false);
    expect(importPollInterval({ status: "running" }, new Error("offline"))).toBe(1000);
    expect(importPollInterval({ status: "running" }, { data: { appCode: "UNAVAILABLE" } })).toBe(1000);
  });

  it("names the button after what it does", () => {
    expect(pt("contacts.import.preview.import")).toBe("Importar estes contatos");
    expect(english("contacts.import.preview.import")).toBe("Import these contacts");
  });
});

describe("the choice for rows matching an existing contact", () => {
  it("offers every mode the API accepts, completing the contact unless the user picks another", () => {
    expect([...importModes].sort()).toEqual([...contactImportModes].sort());
    expect(defaultImportMode).toBe("fill");
    expect(importModes[0]).toBe("fill");
  });

  it("says that updating replaces the contact's values, and that completing never does", () => {
    expect(pt("contacts.import.policy.updateHint")).toMatch(/^Substitui o nome, o e-mail, o telefone/);
    expect(english("contacts.import.policy.updateHint")).toMatch(
      /^Replaces the contact's name, email, phone/,
    );
    expect(pt("contacts.import.policy.fillHint")).toMatch(/Nunca troca um valor/);
    expect(english("contacts.import.policy.fillHint")).toMatch(/Never replaces a value/);
  });
});
