/**
 * Failures that repeat until someone changes the configuration end the run at once, with what to
 * fix: a certificate n8n does not trust (a real self-signed HTTPS server on loopback), nothing
 * listening at the Base URL, a host name that does not resolve, a token with a line break.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runChatwootNode } from '../harness/engine';
import { TOKEN } from '../harness/fixtures';
import { createInSimulator } from '../harness/simulator';

const TLS = join(__dirname, '..', 'fixtures', 'tls');
const CONTACT = { payload: { contact: { id: 1, name: 'Jane' }, contact_inbox: { inbox: null, source_id: null } } };

let https: Server;
let httpsRequests = 0;

beforeAll(async () => {
	https = createHttpsServer(
		{ key: readFileSync(join(TLS, 'self-signed.key')), cert: readFileSync(join(TLS, 'self-signed.crt')) },
		(_request, response) => {
			httpsRequests++;
			response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(CONTACT));
		},
	);
	await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => new Promise<void>((resolve) => https.close(() => resolve())));
beforeEach(() => (httpsRequests = 0));

const items = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { i } }));

function createAt(baseUrl: string, options: { ignoreSslIssues?: boolean; accessToken?: string; count?: number } = {}) {
	return runChatwootNode({
		credentials: { baseUrl, accessToken: options.accessToken ?? TOKEN, ignoreSslIssues: options.ignoreSslIssues },
		continueOnFail: true,
		items: items(options.count ?? 1),
		parameters: createInSimulator({ name: 'Jane', email: '={{ "p" + $json.i + "@example.com" }}' }),
	});
}

async function closedPort(): Promise<number> {
	const server = createHttpServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

test('a self-signed certificate fails every item at once, names the certificate problem and Ignore SSL Issues, and sends nothing', async () => {
	const { port } = https.address() as AddressInfo;
	const started = Date.now();
	const result = await createAt(`https://127.0.0.1:${port}`, { count: 30 });
	expect(Date.now() - started).toBeLessThan(5000);
	const errors = (result.items ?? []).map((item) => item.json);
	expect(errors).toHaveLength(30);
	for (const error of errors) {
		expect(error.error).toBe("Chatwoot's TLS certificate was not accepted");
		expect(error.description).toMatch(/^Cause: DEPTH_ZERO_SELF_SIGNED_CERT, connecting to https:\/\/127\.0\.0\.1:\d+\..*turn on Ignore SSL Issues/);
	}
	expect(httpsRequests).toBe(0);
});

test('the same server with Ignore SSL Issues on creates the contact', async () => {
	const { port } = https.address() as AddressInfo;
	const result = await createAt(`https://127.0.0.1:${port}`, { ignoreSslIssues: true });
	expect(result.items?.[0].json).toEqual(CONTACT);
	expect(httpsRequests).toBe(1);
});

test('an https:// Base URL pointing at a plain-HTTP port is a certificate-class failure, not a lost response', async () => {
	const server = createHttpServer((_request, response) => response.end('{}'));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const result = await createAt(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
		expect(result.items?.[0].json.error).toBe("Chatwoot's TLS certificate was not accepted");
		expect(result.items?.[0].json.description).toMatch(/^Cause: (EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)/);
	} finally {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
});

test('nothing listening at the Base URL: 50 items fail within seconds, naming the Base URL', async () => {
	const port = await closedPort();
	const started = Date.now();
	const result = await createAt(`http://127.0.0.1:${port}`, { count: 50 });
	expect(Date.now() - started).toBeLessThan(5000);
	expect(new Set(result.items?.map((item) => item.json.error))).toEqual(new Set(["Nothing answers at the Chatwoot credential's Base URL"]));
	expect(result.items?.[0].json.description).toMatch(`Cause: ECONNREFUSED, connecting to http://127.0.0.1:${port}.`);
});

test('a host name that does not resolve fails within seconds, naming the host', async () => {
	const started = Date.now();
	const result = await createAt('http://chatwoot.invalid');
	expect(Date.now() - started).toBeLessThan(5000);
	expect(result.items?.[0].json.error).toBe("The host name in the Chatwoot credential's Base URL could not be resolved");
	expect(result.items?.[0].json.description).toMatch(/^Cause: (ENOTFOUND|EAI_AGAIN), looking up chatwoot\.invalid\./);
});

test('a token with a line break is refused as a credential error; nothing is sent', async () => {
	const { port } = https.address() as AddressInfo;
	const result = await runChatwootNode({
		credentials: { baseUrl: `https://127.0.0.1:${port}`, accessToken: `${TOKEN}\n`, ignoreSslIssues: true },
		items: items(1),
		parameters: createInSimulator({ name: 'Jane' }),
	});
	expect(result.error?.message).toBe('The API Access Token in the Chatwoot credential contains a line break or another control character');
	expect(JSON.stringify(result.error)).not.toContain(TOKEN);
	expect(httpsRequests).toBe(0);
});
