import { describe, expect, it } from "vitest";
import { type CsvItem, detectDelimiter, detectSeparators, readCsv } from "./csv-records";

async function records(text: string): Promise<CsvItem[]> {
  const items: CsvItem[] = [];
  for await (const item of readCsv(text)) items.push(item);
  return items;
}

describe("reading an import file", () => {
  it("reads a semicolon file from Excel in Portuguese, a quoted comma staying in its field", async () => {
    const csv = '\uFEFFname;company;email;phone\r\n"Silva, João";"Acme; Ltda";joao@x.com;11987654321\r\n';
    expect(await records(csv)).toEqual([
      { values: ["name", "company", "email", "phone"] },
      { values: ["Silva, João", "Acme; Ltda", "joao@x.com", "11987654321"] },
    ]);
  });

  it("keeps a comma file with semicolon-separated tags as it was", async () => {
    expect(await records("name,tags\nAna,vip;lead;novo")).toEqual([
      { values: ["name", "tags"] },
      { values: ["Ana", "vip;lead;novo"] },
    ]);
  });

  it("reads a row with a wrong number of values as that row, whatever line ends the file mixes", async () => {
    const rows = [
      { values: ["name", "email"] },
      { values: ["Ana", "ana@x.com", "sobra"] },
      { values: ["Bia", "bia@x.com"] },
    ];
    expect(await records("name,email\nAna,ana@x.com,sobra\nBia,bia@x.com")).toEqual(rows);
    expect(await records("name,email\r\nAna,ana@x.com,sobra\nBia,bia@x.com\r\n")).toEqual(rows);
    expect(await records("name,email\rAna,ana@x.com,sobra\r\nBia,bia@x.com")).toEqual(rows);
    // a line break inside quotes stays in its value
    expect(await records('name,notes\r\nAna,"a\nb"\n')).toEqual([
      { values: ["name", "notes"] },
      { values: ["Ana", "a\nb"] },
    ]);
  });

  it("takes the separator the header uses most outside quotes, comma on a tie or when none", () => {
    expect(detectDelimiter("name;email;phone\nJoão Silva;joao@x.com;11987654321")).toBe(";");
    expect(detectDelimiter("name\temail\tphone\na,b;c\td")).toBe("\t");
    expect(detectDelimiter('"name;nome";email\nx')).toBe(";");
    expect(detectDelimiter('"a;b;c",email\nx;y;z;w')).toBe(",");
    expect(detectDelimiter("name;email,phone")).toBe(",");
    expect(detectDelimiter("name\nx;y")).toBe(",");
    expect(detectDelimiter("")).toBe(",");
  });

  it("refuses the ; rows of a comma template whose header Excel in Portuguese put in one cell", async () => {
    const csv = [
      "name,email,phone,company,tags",
      "Fulano Modelo;fulano@exemplo.com.br;(11) 91111-2222;Empresa X;;;;;",
      '"Beltrano; Filho";beltrano@exemplo.com.br',
      "Ciclana,ciclana@exemplo.com.br",
    ].join("\r\n");
    const mismatch = {
      unreadable: { code: "separator_mismatch", params: { separator: ";", headerSeparator: "," } },
    };
    expect(await records(csv)).toEqual([
      { values: ["name", "email", "phone", "company", "tags"] },
      mismatch,
      mismatch,
      { values: ["Ciclana", "ciclana@exemplo.com.br"] },
    ]);
  });

  it("tells the rows' separator from a lone odd row: a name with a comma in a ; file stays a name", async () => {
    const csv = "nome;email\nSilva, João\nAna;ana@x.com\nBia;bia@x.com";
    expect(detectSeparators(csv)).toEqual({ delimiter: ";" });
    expect((await records(csv))[1]).toEqual({ values: ["Silva, João"] });
    // quoted separators are no sign either
    expect(detectSeparators('name,tags\n"a;b",x\n"c;d",y')).toEqual({ delimiter: "," });
    expect(detectSeparators("name,email\na;b\nc;d")).toEqual({ delimiter: ",", rowDelimiter: ";" });
  });
});
