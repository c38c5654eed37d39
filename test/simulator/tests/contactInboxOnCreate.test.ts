import { call, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

const I = SEED.inboxes;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PHONE = '+14155550123';

async function sourceIdFor(inboxId: number, body: Record<string, unknown>): Promise<unknown> {
	const response = await createContact(sim(), { ...body, inbox_id: inboxId });
	expect(response.status).toBe(200);
	return response.json.payload.contact_inbox.source_id;
}

describe('inbox_id on create (ContactInboxBuilder)', () => {
	it('a web-widget inbox creates one contact_inbox with a UUID source_id', async () => {
		const response = await createContact(sim(), { name: 'w', inbox_id: I.website });
		expect(response.json.payload.contact.contact_inboxes).toHaveLength(1);
		expect(response.json.payload.contact_inbox.source_id).toMatch(UUID);
		expect(sim().contacts()[0].contact_inboxes).toEqual([{ inbox_id: I.website, source_id: response.json.payload.contact_inbox.source_id }]);
	});

	it('the response carries the raw Inbox#as_json in contact_inbox and the slim shape in contact_inboxes', async () => {
		const response = await createContact(sim(), { inbox_id: String(I.api) });
		const { contact, contact_inbox: contactInbox } = response.json.payload;
		expect(Object.keys(contact.contact_inboxes[0].inbox)).toEqual(['id', 'avatar_url', 'channel_id', 'name', 'channel_type', 'provider']);
		expect(Object.keys(contactInbox.inbox)).toEqual([
			'id', 'channel_id', 'account_id', 'name', 'created_at', 'updated_at', 'channel_type', 'enable_auto_assignment',
			'greeting_enabled', 'greeting_message', 'email_address', 'working_hours_enabled', 'out_of_office_message', 'timezone',
			'enable_email_collect', 'csat_survey_enabled', 'allow_messages_after_resolved', 'auto_assignment_config',
			'lock_to_single_conversation', 'portal_id', 'sender_name_type', 'business_name', 'csat_config',
		]);
		expect(contactInbox.inbox.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('generated source ids per channel', async () => {
		expect(await sourceIdFor(I.whatsapp, { phone_number: PHONE })).toBe('14155550123');
		sim().reset();
		expect(await sourceIdFor(I.twilioWhatsapp, { phone_number: PHONE })).toBe(`whatsapp:${PHONE}`);
		sim().reset();
		expect(await sourceIdFor(I.twilioSms, { phone_number: PHONE })).toBe(PHONE);
		sim().reset();
		expect(await sourceIdFor(I.sms, { phone_number: PHONE })).toBe(PHONE);
		sim().reset();
		expect(await sourceIdFor(I.email, { email: 'Bob@Example.COM' })).toBe('bob@example.com');
		sim().reset();
		expect(await sourceIdFor(I.api, {})).toMatch(UUID);
		sim().reset();
		expect(await sourceIdFor(I.voice, { phone_number: PHONE })).toBe(PHONE);
		sim().reset();
		expect(await sourceIdFor(I.voice, {})).toMatch(UUID);
	});

	it('an inbox of another account or a missing inbox is 404 and no contact is created', async () => {
		for (const inboxId of [I.otherAccountApi, 999]) {
			const response = await createContact(sim(), { name: 'x', inbox_id: inboxId });
			expect(response.status).toBe(404);
			expect(response.json).toEqual({ error: 'Resource could not be found' });
		}
		expect(sim().contacts()).toHaveLength(0);
	});

	it('an agent may use an inbox they are not a member of', async () => {
		const response = await createContact(sim(), { inbox_id: I.website }, SEED.tokens.agent);
		expect(response.status).toBe(200);
	});

	it('an Email inbox without email is 422 param missing, rolled back', async () => {
		const response = await createContact(sim(), { name: 'x', inbox_id: I.email });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({ error: 'param is missing or the value is empty: contact email' });
		expect(sim().contacts()).toHaveLength(0);
	});

	it.each([I.whatsapp, I.sms, I.twilioSms, I.twilioWhatsapp])(
		'phone inbox %i without phone is 422 param missing, rolled back',
		async (inboxId) => {
			const response = await createContact(sim(), { name: 'x', inbox_id: inboxId });
			expect(response.status).toBe(422);
			expect(response.json).toEqual({ error: 'param is missing or the value is empty: contact phone number' });
			expect(sim().contacts()).toHaveLength(0);
		},
	);

	it.each([I.facebook, I.instagram, I.telegram, I.line, I.twitter, I.tiktok])(
		'unsupported channel inbox %i is 500, rolled back',
		async (inboxId) => {
			const response = await createContact(sim(), { name: 'x', inbox_id: inboxId });
			expect(response.status).toBe(500);
			expect(response.json).toEqual({ status: 500, error: 'Internal Server Error' });
			expect(sim().contacts()).toHaveLength(0);
		},
	);

	it('the nil-only check: phone "" passes, yields an empty source and no contact_inbox (200)', async () => {
		const response = await createContact(sim(), { phone_number: '', inbox_id: I.whatsapp });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.contact_inboxes).toEqual([]);
		expect(response.json.payload.contact_inbox).toEqual({ inbox: null, source_id: null });
	});

	it('phone "" in a Twilio WhatsApp inbox becomes "whatsapp:" and fails the source regex', async () => {
		const response = await createContact(sim(), { phone_number: '', inbox_id: I.twilioWhatsapp });
		expect(response.status).toBe(422);
		expect(response.json.attributes).toEqual(['source_id']);
	});

	it('an explicit source_id "" creates no contact_inbox; a blank inbox_id is ignored', async () => {
		const empty = await createContact(sim(), { inbox_id: I.api, source_id: '' });
		expect(empty.json.payload.contact_inbox.source_id).toBeNull();
		const blank = await createContact(sim(), { inbox_id: '' });
		expect(blank.status).toBe(200);
		expect(blank.json.payload.contact_inbox.inbox).toBeNull();
	});

	it('an explicit source_id is used as-is', async () => {
		expect(await sourceIdFor(I.api, { source_id: 'crm:42' })).toBe('crm:42');
	});
});

describe('ContactInbox source_id validation', () => {
	it('a 300-character source_id is valid for an email inbox', async () => {
		expect(await sourceIdFor(I.email, { email: 'a@b.c', source_id: 's'.repeat(300) })).toHaveLength(300);
	});

	it('WhatsApp source ids', async () => {
		expect(await sourceIdFor(I.whatsapp, { phone_number: PHONE, source_id: '1234567890' })).toBe('1234567890');
		for (const bad of ['1234567890aaa', '+1234567890']) {
			const response = await createContact(sim(), { phone_number: '+15550100', inbox_id: I.whatsapp, source_id: bad });
			expect(response.status).toBe(422);
			expect(response.json).toEqual({
				message: 'Source invalid source id for whatsapp inbox. valid Regex (?-mix:^\\d{1,15}\\z)',
				attributes: ['source_id'],
			});
		}
		expect(sim().contacts()).toHaveLength(1);
	});

	it('Twilio SMS source ids', async () => {
		expect(await sourceIdFor(I.twilioSms, { source_id: '+1234567890' })).toBe('+1234567890');
		for (const bad of ['+1234567890aaa', '1234567890']) {
			const response = await createContact(sim(), { inbox_id: I.twilioSms, source_id: bad });
			expect(response.status).toBe(422);
			expect(response.json.message).toBe('Source invalid source id for twilio sms inbox. valid Regex (?-mix:^\\+\\d{1,15}\\z)');
		}
	});

	it('Twilio WhatsApp source ids', async () => {
		expect(await sourceIdFor(I.twilioWhatsapp, { source_id: 'whatsapp:+1234567890' })).toBe('whatsapp:+1234567890');
		for (const bad of ['whatsapp:+1234567890aaa', 'whatsapp:1234567890']) {
			const response = await createContact(sim(), { inbox_id: I.twilioWhatsapp, source_id: bad });
			expect(response.status).toBe(422);
			expect(response.json.message).toBe(
				'Source invalid source id for twilio whatsapp inbox. valid Regex (?-mix:^whatsapp:\\+\\d{1,15}\\z)',
			);
		}
	});

	it('an unanchored-valid contact phone can still make an invalid WhatsApp source', async () => {
		const response = await createContact(sim(), { phone_number: 'abc+14155550123', inbox_id: I.whatsapp });
		expect(response.status).toBe(422);
		expect(response.json.attributes).toEqual(['source_id']);
		expect(sim().contacts()).toHaveLength(0);
	});
});

describe('existing source ids', () => {
	it('a different explicit source creates its own contact_inbox', async () => {
		await createContact(sim(), { inbox_id: I.api, source_id: 'one' });
		expect(await sourceIdFor(I.api, { source_id: 'two' })).toBe('two');
	});

	it('a source owned by another contact in an email inbox re-keys the old row', async () => {
		const first = await createContact(sim(), { email: 'first@x.io', inbox_id: I.email, source_id: 'shared@x.io' });
		expect(first.status).toBe(200);
		const second = await createContact(sim(), { email: 'second@x.io', inbox_id: I.email, source_id: 'shared@x.io' });
		expect(second.status).toBe(200);
		const [old, current] = sim().contacts();
		expect(current.contact_inboxes).toEqual([{ inbox_id: I.email, source_id: 'shared@x.io' }]);
		expect(old.contact_inboxes[0].source_id).toMatch(/^\dshared@x\.io$/);
	});

	it('the same in an SMS inbox re-keys to "whatsapp:<old><n>"', async () => {
		await createContact(sim(), { phone_number: '+15550001', inbox_id: I.sms, source_id: '+15559999' });
		const second = await createContact(sim(), { phone_number: '+15550002', inbox_id: I.sms, source_id: '+15559999' });
		expect(second.status).toBe(200);
		expect(sim().contacts()[0].contact_inboxes[0].source_id).toMatch(/^whatsapp:\+15559999\d{1,2}$/);
	});

	it('the same in an API inbox re-raises RecordNotUnique: 500, rolled back', async () => {
		await createContact(sim(), { inbox_id: I.api, source_id: 'taken' });
		const response = await createContact(sim(), { name: 'second', inbox_id: I.api, source_id: 'taken' });
		expect(response.status).toBe(500);
		expect(sim().contacts()).toHaveLength(1);
	});

	it('a rolled-back create still consumes an id, like a PostgreSQL sequence', async () => {
		const first = await createContact(sim(), {});
		await createContact(sim(), { inbox_id: I.facebook });
		const third = await createContact(sim(), {});
		expect(third.json.payload.contact.id).toBe(first.json.payload.contact.id + 2);
	});
});

describe('inbox id casting', () => {
	it('inbox_id as a string with trailing garbage is cast like ActiveRecord ("1abc" -> 1)', async () => {
		const response = await call(sim(), 'POST', `/api/v1/accounts/1/contacts`, { json: { inbox_id: `${I.api}abc` } });
		expect(response.json.payload.contact_inbox.inbox.id).toBe(I.api);
	});
});
