import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { PostResult, SignedPost, WebhookSender } from "@crm/domain/outgoing-webhooks/ports";
import { isPublicAddress } from "./public-address";

export interface WebhookSenderOptions {
  /** OUTGOING_WEBHOOKS_ALLOW_PRIVATE: local development and tests post to 127.0.0.1. */
  allowPrivate: boolean;
  /** OUTGOING_WEBHOOKS_ALLOW_HTTP */
  allowHttp: boolean;
  timeoutMs?: number;
}

export class RefusedAddressError extends Error {}

/**
 * Resolves like the default lookup, then refuses the connection when any address is not public. The check runs
 * on the very addresses the socket connects to, so a host that resolves differently on a second lookup (DNS
 * rebinding) gains nothing.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, "", 4);
    const refused = addresses.find((entry) => !isPublicAddress(entry.address));
    if (refused || addresses.length === 0) {
      return callback(
        new RefusedAddressError(`${hostname} resolves to a private address (${refused?.address ?? "none"})`),
        "",
        4,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    return callback(null, first?.address ?? "", first?.family ?? 4);
  });
};

const maxErrorLength = 500;

/**
 * POSTs one signed delivery: no redirect is followed (a 3xx is a failure), the answer body is not read past a
 * little, and the whole exchange is bounded by the timeout (10 s).
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    post(post: SignedPost): Promise<PostResult> {
      let url: URL;
      try {
        url = new URL(post.url);
      } catch {
        return Promise.resolve({ kind: "error", error: "The webhook URL is not valid" });
      }
      const secure = url.protocol === "https:";
      if (!secure && !(options.allowHttp && url.protocol === "http:")) {
        return Promise.resolve({ kind: "error", error: "Only https URLs are allowed" });
      }
      const literal = url.hostname.replace(/^\[|\]$/g, "");
      if (!options.allowPrivate && literalIsPrivate(literal)) {
        return Promise.resolve({ kind: "error", error: `${literal} is a private address` });
      }
      const send = secure ? httpsRequest : httpRequest;
      return new Promise<PostResult>((resolve) => {
        let settled = false;
        const finish = (result: PostResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const request = send(
          url,
          {
            method: "POST",
            headers: { ...post.headers, "content-length": Buffer.byteLength(post.body).toString() },
            ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
            agent: false,
          },
          (response) => {
            const status = response.statusCode ?? 0;
            response.resume();
            response.on("end", () => finish({ kind: "answered", status }));
            response.on("error", () => finish({ kind: "answered", status }));
          },
        );
        const timer = setTimeout(() => {
          request.destroy(new Error(`No answer within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        request.on("error", (err) =>
          finish({ kind: "error", error: (err.message || "Connection failed").slice(0, maxErrorLength) }),
        );
        request.end(post.body);
      });
    },
  };
}

// a host name is checked when it resolves; a literal address is not resolved, so it is checked here
const literalIsPrivate = (host: string): boolean => isIP(host) !== 0 && !isPublicAddress(host);
