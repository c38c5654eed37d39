import { call, CONTACTS, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

async function seedContact(body: Record<string, unknown>): Promise<number> {
	const response = await createContact(sim(), body);
	expect(response.status).toBe(200);
	return response.json.payload.contact.id;
}

describe('PATCH/PUT /contacts/:id', () => {
	it('unauthenticated update is 401', async () => {
		const id = await seedContact({ name: 'a' });
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { token: null, json: { name: 'b' } });
		expect(response.status).toBe(401);
		expect(sim().contacts()[0].name).toBe('a');
	});

	it('name replaced, custom and additional attributes shallow-merged', async () => {
		const id = await seedContact({
			name: 'Old',
			custom_attributes: { test: 'test', test1: 'test1' },
			additional_attributes: { attr1: 'attr1', attr2: 'attr2' },
		});
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, {
			json: {
				name: 'Test Blub',
				custom_attributes: { test: 'new test', test2: 'test2' },
				additional_attributes: { attr2: 'new attr2', attr3: 'attr3' },
			},
		});
		expect(response.status).toBe(200);
		expect(response.json.payload).toMatchObject({
			name: 'Test Blub',
			custom_attributes: { test: 'new test', test1: 'test1', test2: 'test2' },
			additional_attributes: { attr1: 'attr1', attr2: 'new attr2', attr3: 'attr3' },
		});
	});

	it('the merge is shallow: nested hashes are replaced, not deep-merged', async () => {
		const id = await seedContact({ additional_attributes: { social_profiles: { twitter: 'a', github: 'b' } } });
		const response = await call(sim(), 'PUT', `${CONTACTS}/${id}`, { json: { additional_attributes: { social_profiles: { twitter: 'c' } } } });
		expect(response.json.payload.additional_attributes).toEqual({ social_profiles: { twitter: 'c' } });
	});

	it('an id that is not a contact of this account is 404 Resource could not be found', async () => {
		const id = await seedContact({ name: 'mine' });
		for (const path of [`${CONTACTS}/${id + 100}`, `${CONTACTS}/abc`]) {
			const response = await call(sim(), 'PATCH', path, { json: { name: 'x' } });
			expect(response.status).toBe(404);
			expect(response.json).toEqual({ error: 'Resource could not be found' });
		}
		expect(sim().contacts()[0].name).toBe('mine');
	});

	it('email or phone of another contact is 422 naming the attribute', async () => {
		await seedContact({ email: 'taken@x.io', phone_number: '+12000000' });
		const id = await seedContact({ name: 'other' });
		const email = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { email: 'Taken@x.io' } });
		const phone = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { phone_number: '+12000000' } });
		expect(email.status).toBe(422);
		expect(email.json.attributes).toContain('email');
		expect(phone.status).toBe(422);
		expect(phone.json.attributes).toContain('phone_number');
	});

	it('a contact keeps its own email and phone on update (uniqueness excludes itself)', async () => {
		const id = await seedContact({ email: 'self@x.io', phone_number: '+15551234' });
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { email: 'SELF@x.io', phone_number: '+15551234' } });
		expect(response.status).toBe(200);
	});

	it('email "" clears the email to null', async () => {
		const id = await seedContact({ email: 'clear@x.io' });
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { email: '' } });
		expect(response.json.payload.email).toBeNull();
	});

	it('multipart avatar on update is attached', async () => {
		const id = await seedContact({ name: 'pic' });
		const form = new FormData();
		form.append('avatar', new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])], { type: 'image/png' }), 'avatar.png');
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { body: form });
		expect(response.status).toBe(200);
		expect(response.json.payload.thumbnail).toContain('/avatar.png');
		expect(sim().contacts()[0].avatar?.contentType).toBe('image/png');
	});

	it('avatar_url on update is recorded as requested', async () => {
		const id = await seedContact({ name: 'u' });
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { avatar_url: 'http://example.com/avatar.png' } });
		expect(response.status).toBe(200);
		expect(sim().contacts()[0].avatar_url_requested).toBe('http://example.com/avatar.png');
	});

	it('blocked true then false is persisted', async () => {
		const id = await seedContact({ name: 'b' });
		expect((await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { blocked: true } })).json.payload.blocked).toBe(true);
		expect(sim().contacts()[0].blocked).toBe(true);
		expect((await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { blocked: false } })).json.payload.blocked).toBe(false);
		expect(sim().contacts()[0].blocked).toBe(false);
	});

	it('a failed update leaves the stored contact unchanged', async () => {
		const id = await seedContact({ name: 'keep', email: 'keep@x.io' });
		const response = await call(sim(), 'PATCH', `${CONTACTS}/${id}`, { json: { name: 'changed', email: 'broken' } });
		expect(response.status).toBe(422);
		expect(sim().contacts()[0]).toMatchObject({ name: 'keep', email: 'keep@x.io' });
	});
});

describe('GET /contacts/:id and GET /contacts', () => {
	it('show returns the contact under payload; unauthenticated show is 401', async () => {
		const id = await seedContact({ name: 'Shown', email: 'shown@x.io' });
		const response = await call(sim(), 'GET', `${CONTACTS}/${id}`);
		expect(response.status).toBe(200);
		expect(response.json.payload).toMatchObject({ id, name: 'Shown', contact_inboxes: [] });
		expect((await call(sim(), 'GET', `${CONTACTS}/${id}`, { token: null })).status).toBe(401);
	});

	it('index includes contact_inboxes[].source_id unless include_contact_inboxes=false', async () => {
		await createContact(sim(), { email: 'ci@x.io', inbox_id: SEED.inboxes.api, source_id: 'src-1' });
		const withInboxes = await call(sim(), 'GET', CONTACTS);
		expect(withInboxes.json.payload[0].contact_inboxes[0].source_id).toBe('src-1');
		const without = await call(sim(), 'GET', `${CONTACTS}?include_contact_inboxes=false`);
		expect(without.json.payload[0]).not.toHaveProperty('contact_inboxes');
	});

	it('contact_inboxes[].inbox has exactly the slim keys', async () => {
		await createContact(sim(), { email: 'slim@x.io', inbox_id: SEED.inboxes.email });
		const response = await call(sim(), 'GET', CONTACTS);
		const inbox = response.json.payload[0].contact_inboxes[0].inbox;
		expect(Object.keys(inbox).sort()).toEqual(['avatar_url', 'channel_id', 'channel_type', 'id', 'name', 'provider']);
		expect(response.text).not.toMatch(/imap|smtp|hmac|provider_config/);
	});

	it('index lists resolved contacts only, 15 per page, with the total count and the page as sent', async () => {
		await seedContact({ name: 'unresolved' });
		for (let i = 0; i < 16; i++) await seedContact({ identifier: `id-${i}` });
		const first = await call(sim(), 'GET', CONTACTS);
		expect(first.json.meta).toEqual({ count: 16, current_page: 1 });
		expect(first.json.payload).toHaveLength(15);
		const second = await call(sim(), 'GET', `${CONTACTS}?page=2`);
		expect(second.json.meta).toEqual({ count: 16, current_page: '2' });
		expect(second.json.payload.map((contact: { identifier: string }) => contact.identifier)).toEqual(['id-15']);
	});

	it('index sorts by the sort param, "-" for descending', async () => {
		for (const name of ['b', 'c', 'a']) await seedContact({ name, identifier: name });
		const response = await call(sim(), 'GET', `${CONTACTS}?sort=-name`);
		expect(response.json.payload.map((contact: { name: string }) => contact.name)).toEqual(['c', 'b', 'a']);
	});

	it('name sorts ignoring case; city and company_name keep contacts without them last in both directions', async () => {
		await seedContact({ name: 'beta', identifier: 'b', additional_attributes: { city: 'Oslo', company_name: 'Zed' } });
		await seedContact({ name: 'Alpha', identifier: 'a' });
		await seedContact({ name: 'Gamma', identifier: 'g', additional_attributes: { city: 'Bergen', company_name: 'Acme' } });
		const order = async (sort: string) =>
			(await call(sim(), 'GET', `${CONTACTS}?sort=${sort}`)).json.payload.map((contact: { identifier: string }) => contact.identifier);
		expect(await order('name')).toEqual(['a', 'b', 'g']);
		expect(await order('city')).toEqual(['g', 'b', 'a']);
		expect(await order('-city')).toEqual(['b', 'g', 'a']);
		expect(await order('-company_name')).toEqual(['b', 'g', 'a']);
	});
});
