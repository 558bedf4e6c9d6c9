import http from "node:http";

/**
 * GETs JSON over keep-alive connections with node:http. The benchmark's client shares the two cores with the
 * API it measures; undici's fetch cost about 0.9 ms of CPU per request here, node:http a fraction of that.
 */
export function createJsonClient(baseUrl: string, token: string) {
  // idle sockets are closed here before the server's 5 s keep-alive timeout can close them under a new request
  // (between two phases of a scenario the API sits idle longer than that: "socket hang up")
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
  const headers = { authorization: `Bearer ${token}` };
  return {
    get(path: string): Promise<{ status: number; body: unknown }> {
      return new Promise((resolve, reject) => {
        const request = http.get(`${baseUrl}${path}`, { agent, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            try {
              resolve({
                status: response.statusCode ?? 0,
                body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
              });
            } catch (error) {
              reject(error);
            }
          });
        });
        request.on("error", reject);
      });
    },
    close: () => agent.destroy(),
  };
}
