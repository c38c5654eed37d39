import { call, CONTACTS, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();
const I = SEED.inboxes;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SLIM_INBOX_KEYS = ['id', 'avatar_url', 'channel_id', 'name', 'channel_type', 'provider'];

async function newContact(body: Record<string, unknown> = {}): Promise<number> {
	const response = await createContact(sim(), body);
	expect(response.status).toBe(200);
	return response.json.payload.contact.id;
}

function linkInbox(contactId: number, json: unknown, token?: string | null) {
	return call(sim(), 'POST', `${CONTACTS}/${contactId}/contact_inboxes`, { json, token });
}

describe('POST /contacts/:id/contact_inboxes', () => {
	it('links an API inbox with a generated UUID and answers {source_id, inbox} with the slim inbox', async () => {
		const id = await newContact({ name: 'Ann' });
		const response = await linkInbox(id, { inbox_id: I.api });
		expect(response.status).toBe(200);
		expect(Object.keys(response.json)).toEqual(['source_id', 'inbox']);
		expect(response.json.source_id).toMatch(UUID);
		expect(Object.keys(response.json.inbox)).toEqual(SLIM_INBOX_KEYS);
		expect(response.json.inbox).toMatchObject({ id: I.api, channel_type: 'Channel::Api', name: 'API inbox' });
		expect(sim().contacts()[0].contact_inboxes).toEqual([{ inbox_id: I.api, source_id: response.json.source_id }]);
	});

	it('uses an explicit source_id as given, also for channels that cannot generate one', async () => {
		const id = await newContact();
		const response = await linkInbox(id, { inbox_id: I.telegram, source_id: 'tg-5521' });
		expect(response.status).toBe(200);
		expect(response.json.source_id).toBe('tg-5521');
	});

	it('generates the source id from the contact per channel', async () => {
		const id = await newContact({ email: 'Mia@Example.com', phone_number: '+14155550123' });
		expect((await linkInbox(id, { inbox_id: I.whatsapp })).json.source_id).toBe('14155550123');
		expect((await linkInbox(id, { inbox_id: I.email })).json.source_id).toBe('mia@example.com');
		expect((await linkInbox(id, { inbox_id: I.twilioWhatsapp })).json.source_id).toBe('whatsapp:+14155550123');
		expect(sim().contacts()[0].contact_inboxes.map((ref) => ref.inbox_id)).toEqual([I.whatsapp, I.email, I.twilioWhatsapp]);
	});

	it('linking the same inbox and source again returns the existing row', async () => {
		const id = await newContact();
		await linkInbox(id, { inbox_id: I.api, source_id: 'crm-1' });
		const again = await linkInbox(id, { inbox_id: I.api, source_id: 'crm-1' });
		expect(again.status).toBe(200);
		expect(sim().contacts()[0].contact_inboxes).toHaveLength(1);
	});

	it('a phone channel without the contact phone is 422 "param is missing"', async () => {
		const id = await newContact({ name: 'No phone' });
		const response = await linkInbox(id, { inbox_id: I.sms });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ error: 'param is missing or the value is empty: contact phone number' });
	});

	it('a source id in the wrong format for WhatsApp is 422 with the record-invalid body', async () => {
		const id = await newContact();
		const response = await linkInbox(id, { inbox_id: I.whatsapp, source_id: '+1555' });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'Source invalid source id for whatsapp inbox. valid Regex (?-mix:^\\d{1,15}\\z)',
			attributes: ['source_id'],
		});
	});

	it('a channel without a source id rule and no source_id is 500', async () => {
		const id = await newContact();
		const response = await linkInbox(id, { inbox_id: I.facebook });
		expect(response.status).toBe(500);
		expect(response.json).toEqual({ status: 500, error: 'Internal Server Error' });
	});

	it('an empty source_id creates nothing and fails rendering with 500', async () => {
		const id = await newContact();
		expect((await linkInbox(id, { inbox_id: I.api, source_id: '' })).status).toBe(500);
		expect(sim().contacts()[0].contact_inboxes).toEqual([]);
	});

	it('a source owned by another contact: API inbox is 500, email inbox re-keys the old row', async () => {
		const first = await newContact({ email: 'one@x.io' });
		const second = await newContact({ email: 'two@x.io' });
		await linkInbox(first, { inbox_id: I.api, source_id: 'shared' });
		expect((await linkInbox(second, { inbox_id: I.api, source_id: 'shared' })).status).toBe(500);

		await linkInbox(first, { inbox_id: I.email, source_id: 'shared@x.io' });
		expect((await linkInbox(second, { inbox_id: I.email, source_id: 'shared@x.io' })).status).toBe(200);
		const [one, two] = sim().contacts();
		expect(one.contact_inboxes.find((ref) => ref.inbox_id === I.email)?.source_id).toMatch(/^\dshared@x\.io$/);
		expect(two.contact_inboxes).toEqual([{ inbox_id: I.email, source_id: 'shared@x.io' }]);
	});

	it('hmac_verified is cast like a Rails boolean and kept on the new row', async () => {
		const id = await newContact();
		await linkInbox(id, { inbox_id: I.api, source_id: 'a', hmac_verified: 'true' });
		await linkInbox(id, { inbox_id: I.api, source_id: 'b', hmac_verified: 'false' });
		expect(sim().contacts()[0].contact_inboxes).toEqual([
			{ inbox_id: I.api, source_id: 'a', hmac_verified: true },
			{ inbox_id: I.api, source_id: 'b' },
		]);
	});

	it('a missing, unknown or other-account inbox is 404', async () => {
		const id = await newContact();
		for (const json of [{}, { inbox_id: 999 }, { inbox_id: I.otherAccountApi }, { inbox_id: '' }]) {
			const response = await linkInbox(id, json);
			expect(response.status).toBe(404);
			expect(response.json).toEqual({ error: 'Resource could not be found' });
		}
	});

	it('an unknown contact is 404 before the inbox is looked at', async () => {
		const response = await linkInbox(999, { inbox_id: I.facebook });
		expect(response.status).toBe(404);
		expect(response.json).toEqual({ error: 'Resource could not be found' });
	});

	it('an agent may only link inboxes they are a member of (401 otherwise)', async () => {
		const id = await newContact();
		expect((await linkInbox(id, { inbox_id: I.api }, SEED.tokens.agent)).status).toBe(200);
		const refused = await linkInbox(id, { inbox_id: I.website }, SEED.tokens.agent);
		expect(refused.status).toBe(401);
		expect(refused.json).toEqual({ error: 'You are not authorized to do this action' });
	});

	it('without a token it is 401 with the devise body', async () => {
		const id = await newContact();
		const response = await linkInbox(id, { inbox_id: I.api }, null);
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ errors: ['You need to sign in or sign up before continuing.'] });
	});

	it('the linked inbox shows up in the contact', async () => {
		const id = await newContact();
		const { json } = await linkInbox(id, { inbox_id: I.website });
		const shown = await call(sim(), 'GET', `${CONTACTS}/${id}`);
		expect(shown.json.payload.contact_inboxes).toEqual([json]);
	});
});
