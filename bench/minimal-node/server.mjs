/**
 * The bench's bare anchor (bench/anchors.ts): node:http alone answering what Lectern's
 * /api/health answers, the fastest a Node server on this machine can serve the same generator.
 */
import { createServer } from "node:http";

createServer((request, response) => {
  const body = JSON.stringify({ status: "ok", uptime_s: Math.round(process.uptime()) });
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
