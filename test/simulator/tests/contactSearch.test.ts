import { call, CONTACTS, createContact } from './client';
import { SEED, startSimulator } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator({ searchLimitPerMinute: 1000 });

const SEARCH = `${CONTACTS}/search`;

async function search(query: string): Promise<{ status: number; json: any }> {
	return call(sim(), 'GET', `${SEARCH}?${query}`);
}

function names(json: any): string[] {
	return json.payload.map((contact: { name: string }) => contact.name);
}

describe('GET /contacts/search', () => {
	it('unauthenticated search is 401', async () => {
		expect((await call(sim(), 'GET', `${SEARCH}?q=a`, { token: null })).status).toBe(401);
	});

	it('email matches case-insensitively and only the matching contact is returned', async () => {
		await createContact(sim(), { name: 'one', email: 'test@test.com' });
		await createContact(sim(), { name: 'two', email: 'other@test.com' });
		const response = await search('q=Test@Test.com');
		expect(names(response.json)).toEqual(['one']);
	});

	it('name matches case-insensitively', async () => {
		await createContact(sim(), { name: 'testcontact' });
		expect(names((await search('q=TestContact')).json)).toEqual(['testcontact']);
	});

	it('identifier matches case-sensitively', async () => {
		await createContact(sim(), { name: 'lower', identifier: 'testidentifer' });
		await createContact(sim(), { name: 'exact', identifier: 'TestIdentifier' });
		expect(names((await search('q=TestIdentifier')).json)).toEqual(['exact']);
	});

	it('all contacts are searched, including unresolved ones, by substring', async () => {
		await createContact(sim(), { name: 'Just A Name' });
		expect(names((await search('q=a%20na')).json)).toEqual(['Just A Name']);
	});

	it('% and _ in q act as wildcards; q is stripped', async () => {
		await createContact(sim(), { name: 'abc' });
		await createContact(sim(), { name: 'a-c' });
		await createContact(sim(), { name: 'xyz' });
		expect(names((await search('q=a_c')).json)).toEqual(['abc', 'a-c']);
		expect(names((await search(`q=${encodeURIComponent('  a%c ')}`)).json)).toEqual(['abc', 'a-c']);
	});

	it('phone numbers match as substrings', async () => {
		await createContact(sim(), { name: 'phone', phone_number: '+14155550123' });
		expect(names((await search('q=555012')).json)).toEqual(['phone']);
	});

	it('one hit gives has_more false and count 1', async () => {
		await createContact(sim(), { name: 'single' });
		expect((await search('q=single')).json.meta).toEqual({ count: 1, current_page: 1, has_more: false });
	});

	it('16 hits page as 15 + 1 with has_more, current_page echoed as sent', async () => {
		for (let i = 0; i < 16; i++) await createContact(sim(), { name: `match ${i}` });
		const first = await search('q=match');
		expect(first.json.meta).toEqual({ count: 15, current_page: 1, has_more: true });
		expect(first.json.payload).toHaveLength(15);
		const second = await search('q=match&page=2');
		expect(second.json.meta).toEqual({ count: 1, current_page: '2', has_more: false });
		expect(names(second.json)).toEqual(['match 15']);
	});

	it('a blank q renders the template with nil data (200, not 422)', async () => {
		const response = await search('q=%20');
		expect(response.status).toBe(200);
		expect(response.json).toEqual({ meta: { count: null, current_page: 1, has_more: null }, payload: [] });
	});

	it('search results include the slim contact_inboxes unless include_contact_inboxes=false', async () => {
		await createContact(sim(), { name: 'linked', inbox_id: SEED.inboxes.api });
		expect((await search('q=linked')).json.payload[0].contact_inboxes).toHaveLength(1);
		expect((await search('q=linked&include_contact_inboxes=false')).json.payload[0]).not.toHaveProperty('contact_inboxes');
	});
});

describe('contacts search throttle', () => {
	it('is per account (default 100/min in production): the request over the limit is 429 text/plain', async () => {
		const limited = await startSimulator({ port: 0, searchLimitPerMinute: 2 });
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++) statuses.push((await call(limited, 'GET', `${SEARCH}?q=a`)).status);
			const throttled = await call(limited, 'GET', `${SEARCH}?q=a`, { token: SEED.tokens.agent });
			expect(statuses.slice(0, 2)).toEqual([200, 200]);
			expect(statuses[2]).toBe(429);
			expect(throttled.status).toBe(429);
			expect(throttled.text).toBe('Retry later\n');
			expect(throttled.headers.get('content-type')).toBe('text/plain');
			expect(throttled.headers.get('retry-after')).toBeNull();
			expect((await call(limited, 'GET', CONTACTS)).status).toBe(200);
		} finally {
			await limited.close();
		}
	});
});
