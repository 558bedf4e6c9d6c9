/**
 * A text file's content, read as UTF-8 or, when its bytes are not valid UTF-8, as Windows-1252: Excel on
 * Windows saves "CSV" in the latter, and reading it as UTF-8 would turn "João" into "Jo�o".
 */
export function decodeText(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export async function readTextFile(file: Blob): Promise<string> {
  return decodeText(await file.arrayBuffer());
}
