import { call, CONTACTS, createContact } from './client';
import { SEED, startSimulator } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

const HOUR = 3_600_000;

describe('fault injection', () => {
	it('rate429 answers 429 text/plain "Retry later\\n" without Retry-After and does not process the request', async () => {
		sim().setFaults({ rate429: 1 });
		const response = await createContact(sim(), { name: 'x' });
		expect(response.status).toBe(429);
		expect(response.text).toBe('Retry later\n');
		expect(response.headers.get('content-type')).toBe('text/plain');
		expect(response.headers.get('retry-after')).toBeNull();
		expect(sim().contacts()).toHaveLength(0);
		expect(sim().counters()).toMatchObject({ rejected429: 1, created: 0, byStatus: { '429': 1 } });
	});

	it('retryAfterSeconds adds a Retry-After header to injected 429s', async () => {
		sim().setFaults({ rate429: 1, retryAfterSeconds: 7 });
		expect((await createContact(sim(), {})).headers.get('retry-after')).toBe('7');
	});

	it('rate503 answers 503 with an HTML body and does not process the request', async () => {
		sim().setFaults({ rate503: 1 });
		const response = await createContact(sim(), { name: 'x' });
		expect(response.status).toBe(503);
		expect(response.headers.get('content-type')).toBe('text/html');
		expect(response.text).toContain('<html>');
		expect(sim().contacts()).toHaveLength(0);
		expect(sim().counters().rejected503).toBe(1);
	});

	it('dropBeforeRate destroys the socket and creates nothing', async () => {
		sim().setFaults({ dropBeforeRate: 1 });
		await expect(createContact(sim(), { name: 'x' })).rejects.toThrow();
		expect(sim().contacts()).toHaveLength(0);
		expect(sim().counters()).toMatchObject({ droppedBefore: 1, inFlight: 0 });
		expect(sim().requests()[0].status).toBe(0);
	});

	it('dropAfterRate creates the contact, then destroys the socket without answering', async () => {
		sim().setFaults({ dropAfterRate: 1 });
		await expect(createContact(sim(), { name: 'lost answer' })).rejects.toThrow();
		expect(sim().contacts().map((contact) => contact.name)).toEqual(['lost answer']);
		expect(sim().counters()).toMatchObject({ droppedAfter: 1, created: 1 });
	});

	it('dropAfterRate loses only answers of contacts that were created; a refused create is answered', async () => {
		sim().setFaults({ dropAfterRate: 1 });
		const refused = await createContact(sim(), { email: 'not-an-email' });
		expect(refused.status).toBe(422);
		expect(sim().counters()).toMatchObject({ droppedAfter: 0, created: 0 });
	});

	it('dropAfterRate applies to contact creates only', async () => {
		sim().setFaults({ dropAfterRate: 1 });
		expect((await call(sim(), 'GET', '/api/v1/profile')).status).toBe(200);
		expect((await call(sim(), 'GET', CONTACTS)).status).toBe(200);
	});

	it('the same seed replays the same fault sequence', async () => {
		const statusesFor = async (seed: number) => {
			sim().setFaults({ rate429: 0.5, seed });
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) statuses.push((await call(sim(), 'GET', '/api/v1/profile')).status);
			return statuses;
		};
		const first = await statusesFor(42);
		expect(await statusesFor(42)).toEqual(first);
		expect(first).toContain(429);
		expect(first).toContain(200);
	});

	it('latencyMs delays every API response', async () => {
		sim().setFaults({ latencyMs: 120 });
		const started = Date.now();
		await call(sim(), 'GET', '/api/v1/profile');
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	it('maxInFlight counts requests processed at the same time; inFlight returns to 0', async () => {
		sim().setFaults({ latencyMs: 150 });
		await Promise.all(Array.from({ length: 5 }, (_, i) => createContact(sim(), { identifier: `c-${i}` })));
		expect(sim().counters()).toMatchObject({ maxInFlight: 5, inFlight: 0, requests: 5, created: 5 });
	});
});

describe('rate limiting (rack-attack req/ip)', () => {
	it('the request over the limit in a fixed window is 429 "Retry later\\n" on any path', async () => {
		sim().setRateLimit({ limit: 2, windowMs: HOUR });
		const statuses = [];
		for (const path of ['/api/v1/profile', CONTACTS, '/api/v1/profile']) statuses.push((await call(sim(), 'GET', path)).status);
		expect(statuses).toEqual([200, 200, 429]);
		const response = await createContact(sim(), { name: 'x' });
		expect(response.text).toBe('Retry later\n');
		expect(sim().contacts()).toHaveLength(0);
	});

	it('the rate limit is checked before injected faults', async () => {
		sim().setRateLimit({ limit: 0, windowMs: HOUR });
		sim().setFaults({ rate503: 1 });
		expect((await call(sim(), 'GET', '/api/v1/profile')).status).toBe(429);
		expect(sim().counters().rejected503).toBe(0);
	});

	it('setRateLimit(undefined) lifts the limit', async () => {
		sim().setRateLimit({ limit: 0, windowMs: HOUR });
		sim().setRateLimit(undefined);
		expect((await call(sim(), 'GET', '/api/v1/profile')).status).toBe(200);
	});
});

describe('request log and inspection API', () => {
	it('records method, path, query, masked token headers, content type, params and status', async () => {
		await call(sim(), 'POST', `${CONTACTS}?x=1`, { json: { name: 'Logged', custom_attributes: { a: 1 } } });
		await call(sim(), 'GET', '/api/v1/profile', { token: null, headers: { 'api-access-token': SEED.tokens.agent } });
		const [create, profile] = sim().requests();
		expect(create).toMatchObject({
			method: 'POST',
			path: CONTACTS,
			query: { x: '1' },
			contentType: 'application/json',
			params: { name: 'Logged', custom_attributes: { a: 1 } },
			status: 200,
		});
		expect(create.headers.api_access_token).toBe('***');
		expect(profile.headers['api-access-token']).toBe('***');
		expect(JSON.stringify(sim().requests())).not.toContain(SEED.tokens.admin);
	});

	it('the HTTP inspection API exposes requests, contacts and counters without a token or faults', async () => {
		await createContact(sim(), { name: 'Inspected' });
		sim().setFaults({ rate503: 1, latencyMs: 0 });
		const inspect = async (path: string): Promise<any> => (await fetch(`${sim().url}/__simulator/${path}`)).json();
		const requests = await inspect('requests');
		const contacts = await inspect('contacts?account_id=1');
		const counters = await inspect('counters');
		expect(requests).toHaveLength(1);
		expect(contacts.map((contact: { name: string }) => contact.name)).toEqual(['Inspected']);
		expect(counters).toMatchObject({ requests: 1, created: 1 });
	});

	it('POST /__simulator/faults, /rate-limit and /reset control the simulator', async () => {
		await createContact(sim(), { name: 'gone' });
		const post = (path: string, body: unknown) =>
			fetch(`${sim().url}/__simulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect((await post('reset', {})).status).toBe(200);
		expect(sim().contacts()).toHaveLength(0);
		expect(sim().counters().requests).toBe(0);

		await post('faults', { rate429: 1 });
		expect((await call(sim(), 'GET', '/api/v1/profile')).status).toBe(429);
		await post('faults', {});
		await post('rate-limit', { limit: 0, windowMs: HOUR });
		expect((await call(sim(), 'GET', '/api/v1/profile')).status).toBe(429);
		await post('rate-limit', null);
		expect((await call(sim(), 'GET', '/api/v1/profile')).status).toBe(200);
		expect((await post('rate-limit', { limit: 'x' })).status).toBe(400);
	});

	it('POST /__simulator/labels and /custom-attribute-definitions replace them per account; GET lists them', async () => {
		const post = (path: string, body: unknown) =>
			fetch(`${sim().url}/__simulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const labels = await post('labels', { account_id: SEED.accounts.other, labels: [{ title: 'Gold', color: '#ffd700' }] });
		expect(labels.status).toBe(200);
		expect(await labels.json()).toEqual([
			{ id: expect.any(Number), accountId: SEED.accounts.other, title: 'gold', description: null, color: '#ffd700', show_on_sidebar: null },
		]);
		const definition = { attribute_key: 'size', attribute_display_name: 'Size', attribute_display_type: 'number', attribute_model: 'contact_attribute' };
		expect((await post('custom-attribute-definitions', { account_id: SEED.accounts.main, definitions: [definition] })).status).toBe(200);
		const listed = await (await fetch(`${sim().url}/__simulator/custom-attribute-definitions?account_id=${SEED.accounts.main}`)).json();
		expect(listed).toEqual([expect.objectContaining(definition)]);
		expect(((await (await fetch(`${sim().url}/__simulator/labels`)).json()) as Array<{ title: string }>).map((label) => label.title)).toContain('gold');

		expect((await post('labels', { account_id: 1, labels: [{}] })).status).toBe(400);
		expect((await post('custom-attribute-definitions', { account_id: 1, definitions: [{ ...definition, attribute_display_type: 'money' }] })).status).toBe(400);
	});

	it('reset keeps the seed data and restarts contact ids', async () => {
		await createContact(sim(), { name: 'first' });
		sim().reset();
		const response = await createContact(sim(), { name: 'again' });
		expect(response.json.payload.contact.id).toBe(1);
		expect((await call(sim(), 'GET', '/api/v1/profile')).json.id).toBe(SEED.users.admin);
	});
});

describe('lifecycle', () => {
	it('close() resolves while a delayed request is pending and the port stops accepting connections', async () => {
		const other = await startSimulator({ port: 0, faults: { latencyMs: 60_000 } });
		const pending = call(other, 'GET', '/api/v1/profile').catch((error: unknown) => error);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await other.close();
		expect(String(await pending)).toMatch(/fetch failed/);
		await expect(fetch(`${other.url}/api/v1/profile`)).rejects.toThrow();
	});

	it('listens on 127.0.0.1 and reports its URL without a trailing slash', () => {
		expect(sim().url).toBe(`http://127.0.0.1:${sim().port}`);
	});
});
