/** A key suggested from a label: "Data de renovação" -> "data_de_renovacao" (the API's key rules). */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 50)
    .replace(/_+$/, "");
  return key;
}

export const customFieldKeyPattern = /^[a-z][a-z0-9_]{0,49}$/;
