import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SinkDelivery } from './sink-connector';

/** The receiving service: records every delivery raw, as it arrives, and answers 200. */
export async function startSink() {
  const received: SinkDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A sender killed mid-request leaves a torn request: nothing was delivered.
    req.on('error', () => undefined);
    req.on('end', () => {
      let body: SinkDelivery;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SinkDelivery;
      } catch {
        res.writeHead(400).end();
        return;
      }
      received.push({ key: body.key, item: body.item });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: received.length }));
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/deliveries`,
    received,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** The figures of what reached the sink. */
export function sinkFigures(received: readonly SinkDelivery[]) {
  const keysByItem = new Map<string, Set<string>>();
  for (const { key, item } of received) {
    const keys = keysByItem.get(item) ?? new Set<string>();
    keys.add(key);
    keysByItem.set(item, keys);
  }
  const distinctKeys = new Set(received.map((d) => d.key)).size;
  return {
    raw: received.length,
    distinctKeys,
    keysByItem,
    /** Items delivered under more than one idempotency key. */
    duplicated: [...keysByItem.values()].filter((keys) => keys.size > 1).length,
    /** Deliveries that repeated a key already delivered. */
    redeliveries: received.length - distinctKeys,
  };
}
