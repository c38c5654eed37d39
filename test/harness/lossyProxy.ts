import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LossyProxy {
	url: string;
	/** How many answers were withheld. */
	lost(): number;
	close(): Promise<void>;
}

/**
 * A loopback proxy in front of a server that loses chosen answers: the request reaches the server
 * and is processed, then the connection to the client is destroyed instead of answering, as when a
 * network path or gateway fails after forwarding. `loseAnswer(method, path, index)` decides per
 * request (`index` counts the requests with that method and path so far, from 0).
 */
export async function startLossyProxy(
	target: string,
	loseAnswer: (method: string, path: string, index: number) => boolean,
): Promise<LossyProxy> {
	const seen = new Map<string, number>();
	let lost = 0;
	const server = createServer((incoming, outgoing) => {
		const method = incoming.method ?? 'GET';
		const path = (incoming.url ?? '/').split('?')[0];
		const key = `${method} ${path}`;
		const index = seen.get(key) ?? 0;
		seen.set(key, index + 1);
		const lose = loseAnswer(method, path, index);
		const forwarded = httpRequest(`${target}${incoming.url}`, { method, headers: incoming.headers }, (answer) => {
			if (lose) {
				answer.resume();
				answer.on('end', () => {
					lost++;
					outgoing.socket?.destroy();
				});
				return;
			}
			outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(outgoing);
		});
		forwarded.on('error', () => outgoing.socket?.destroy());
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		lost: () => lost,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
