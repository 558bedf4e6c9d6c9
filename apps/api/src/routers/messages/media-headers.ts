/** Types a browser may render in place; anything else (HTML, SVG, PDF, ...) is downloaded, never run. */
const inlineType = /^(image\/(jpeg|png|gif|webp)|audio\/[\w.+-]+|video\/[\w.+-]+)$/;
const mimeToken = /^[\w.+-]+\/[\w.+-]+$/;

/** The media type alone (no parameters), or octet-stream when it is not a plain `type/subtype`. */
export function safeContentType(contentType: string): string {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return mimeToken.test(type) ? type : "application/octet-stream";
}

/** A provider's file name made harmless for a header: no path, no control or quote characters, bounded. */
export function safeFileName(fileName: string | null, fallback: string): string {
  const base = (fileName ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\p{Cc}"\\;]/gu, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 150);
  return cleaned === "" ? fallback : cleaned;
}

/** `inline` or `attachment`, with an ASCII name for old clients and the UTF-8 name (RFC 6266) beside it. */
export function contentDisposition(contentType: string, fileName: string): string {
  const disposition = inlineType.test(contentType) ? "inline" : "attachment";
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function mediaHeaders(
  file: { contentType: string; fileName: string | null; size: number },
  fallbackName: string,
) {
  const contentType = safeContentType(file.contentType);
  return {
    "content-type": contentType,
    "content-length": String(file.size),
    "content-disposition": contentDisposition(contentType, safeFileName(file.fileName, fallbackName)),
    "cache-control": "private, max-age=300",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
  };
}
