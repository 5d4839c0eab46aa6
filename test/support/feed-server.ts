import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local feed on 127.0.0.1: GET /<name>?after=N answers the items with id > N. Items are added
 * by the test; every request is counted per feed.
 */
export async function startFeedServer() {
  const feeds = new Map<string, { id: number; email: string }[]>();
  const requests = new Map<string, number>();
  let hold: Promise<void> | null = null;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = url.pathname.slice(1);
    requests.set(name, (requests.get(name) ?? 0) + 1);
    const after = Number(url.searchParams.get('after') ?? 0);
    const answer = () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items: (feeds.get(name) ?? []).filter((i) => i.id > after) }));
    };
    if (hold) void hold.then(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (name: string) => `${base}/${name}`,
    add(name: string, count: number) {
      const list = feeds.get(name) ?? [];
      for (let i = 0; i < count; i++) {
        const id = list.length + 1;
        list.push({ id, email: `${name}-${id}@example.com` });
      }
      feeds.set(name, list);
    },
    requests: (name: string) => requests.get(name) ?? 0,
    /** Holds every answer until the returned function is called (to catch overlapping polls). */
    holdAnswers(): () => void {
      let release!: () => void;
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
