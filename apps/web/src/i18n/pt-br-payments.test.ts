import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ptBR } from "./pt-br";

const paymentWords = (key: string) =>
  key.startsWith("payments.") || key.startsWith("deals.activity.payment") || key.startsWith("integrations.");

describe("payments in Portuguese", () => {
  it("say estorno/estornar for giving money back, as Brazilian card payments do, never reembolso", () => {
    const offending = Object.entries(ptBR).filter(
      ([key, text]) => paymentWords(key) && /reembols/i.test(text),
    );
    expect(offending).toEqual([]);
    // the button and the activity it leads to use the same word
    expect(ptBR["payments.refund.open"]).toBe("Estornar");
    expect(ptBR["deals.activity.paymentRefunded"]).toContain("estornado");
    expect(ptBR["payments.status.refunded"]).toBe("Estornado");
  });

  it("say Situação for a payment's state, as the other pages do, not the English Status", () => {
    expect(ptBR["payments.column.status"]).toBe("Situação");
    const offending = Object.entries(ptBR).filter(
      ([key, text]) => key.startsWith("payments.") && /status/i.test(text),
    );
    expect(offending).toEqual([]);
  });

  it("translate the Mercado Pago access token's label", () => {
    expect(ptBR["integrations.field.mercadopago.accessToken"]).toBe("Token de acesso");
    expect(ptBR["integrations.field.mercadopago.accessToken"]).not.toBe(
      en["integrations.field.mercadopago.accessToken"],
    );
  });

  it("state the largest amount a link (or a deal) takes, written as each language writes numbers", () => {
    const largest = (locale: string) =>
      new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format("9999999999999.99" as `${number}`);
    expect(largest("pt-BR")).toBe("9.999.999.999.999,99");
    expect(ptBR["errors.field.amountTooLarge"]).toContain(largest("pt-BR"));
    expect(en["errors.field.amountTooLarge"]).toContain(largest("en"));
  });
});
