/**
 * Contact → Create or Update and Contact → Get, run by n8n's engine against the simulator over
 * loopback: what is stored afterwards, and how many requests each path costs.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { SEED } from '../simulator';
import { runChatwootNode } from '../harness/engine';
import { attributeMapping, binaryItem, PNG_1x1 } from '../harness/fixtures';
import { startLossyProxy } from '../harness/lossyProxy';
import { createInSimulator, useSimulator } from '../harness/simulator';

const simulator = useSimulator();
const FAST_RETRIES = { initialRetryDelay: 1, maxRetryDelay: 5 };

function run(operation: string, parameters: INodeParameters, items?: INodeExecutionData[], baseUrl = simulator().url, accessToken: string = SEED.tokens.admin) {
	return runChatwootNode({
		credentials: { baseUrl, accessToken },
		items,
		parameters: createInSimulator({ operation, ...parameters, options: { ...FAST_RETRIES, ...((parameters.options as IDataObject) ?? {}) } }),
	});
}

const upsert = (parameters: INodeParameters, items?: INodeExecutionData[], baseUrl?: string) => run('upsert', parameters, items, baseUrl);

async function existing(parameters: INodeParameters): Promise<number> {
	const result = await run('create', parameters);
	expect(result.error).toBeUndefined();
	return ((result.items?.[0].json.payload as IDataObject).contact as IDataObject).id as number;
}

/** The requests the node sent since `from`, as "METHOD path". */
const requestsSince = (from: number) =>
	simulator()
		.requests()
		.slice(from)
		.map((request) => `${request.method} ${request.path.replace(/^\/api\/v1\/accounts\/\d+/, '')}`);

const stored = (id: number) => simulator().contacts(SEED.accounts.main).find((contact) => contact.id === id)!;

describe('Create or Update: requests per item, measured', () => {
	test('a new contact costs 1 request, an existing one 3, an existing one not yet in the inbox 4', async () => {
		let from = simulator().requests().length;
		const created = await upsert({ email: 'new@acme.inc', name: 'New' });
		expect(created.items?.[0].json).toMatchObject({ action: 'created', matchedBy: null });
		expect(requestsSince(from)).toEqual(['POST /contacts']);

		from = simulator().requests().length;
		const updated = await upsert({ email: 'NEW@acme.inc', name: 'Renamed' });
		expect(updated.items?.[0].json).toMatchObject({ action: 'updated', matchedBy: 'email' });
		expect(requestsSince(from)).toEqual(['POST /contacts', 'POST /contacts/filter', 'PATCH /contacts/1']);

		from = simulator().requests().length;
		const linked = await upsert({ email: 'new@acme.inc', inboxId: SEED.inboxes.email });
		expect(requestsSince(from)).toEqual(['POST /contacts', 'POST /contacts/filter', 'PATCH /contacts/1', 'POST /contacts/1/contact_inboxes']);
		expect(linked.items?.[0].json.contactInbox).toEqual({ source_id: 'new@acme.inc', inbox: expect.objectContaining({ id: SEED.inboxes.email }) });
		expect(stored(1).name).toBe('Renamed');
	});
});

describe('Create or Update against the simulator', () => {
	test.each<[string, INodeParameters, string]>([
		['email (in another case)', { email: 'JANE@acme.inc' }, 'email'],
		['phone number', { phoneNumber: '+14155550123' }, 'phone_number'],
		['identifier', { additionalFields: { identifier: 'crm-7' } }, 'identifier'],
	])('matched by %s: only the fields set change; both attribute objects are merged into the stored ones', async (_label, key, matchedBy) => {
		const id = await existing({
			name: 'Jane',
			email: 'jane@acme.inc',
			phoneNumber: '+14155550123',
			additionalFields: { identifier: 'crm-7', customAttributes: '{"plan":"free","seats":1}', additionalAttributes: '{"city":"Oslo","company_name":"Acme"}' },
		});
		const result = await upsert({
			...key,
			name: 'Jane Doe',
			additionalFields: {
				...((key.additionalFields as IDataObject) ?? {}),
				customAttributes: '{"seats":5,"tier":"gold"}',
				additionalAttributes: '{"city":"Bergen"}',
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.items?.[0].json).toMatchObject({ action: 'updated', matchedBy, contact: { id, name: 'Jane Doe' } });
		expect(stored(id)).toMatchObject({
			name: 'Jane Doe',
			email: 'jane@acme.inc',
			phone_number: '+14155550123',
			identifier: 'crm-7',
			custom_attributes: { plan: 'free', seats: 5, tier: 'gold' },
			additional_attributes: { city: 'Bergen', company_name: 'Acme' },
		});
		expect(simulator().contacts()).toHaveLength(1);
	});

	test('an avatar file replaces the stored one on update', async () => {
		const id = await existing({ email: 'pic@acme.inc' });
		const result = await upsert({ email: 'pic@acme.inc', avatarSource: 'binary', binaryPropertyName: 'data' }, [binaryItem(PNG_1x1, 'image/png', 'pic.png')]);
		expect(result.error).toBeUndefined();
		expect(stored(id).avatar).toEqual({
			filename: 'pic.png',
			contentType: 'image/png',
			size: PNG_1x1.length,
			sha256: createHash('sha256').update(PNG_1x1).digest('hex'),
		});
		expect((result.items?.[0].json.contact as IDataObject).thumbnail).toMatch(/^http/);
	});

	test('an inbox the contact is not in yet is linked once: a second run adds nothing', async () => {
		const id = await existing({ phoneNumber: '+14155550199' });
		for (let round = 0; round < 2; round++) {
			const result = await upsert({ phoneNumber: '+14155550199', inboxId: SEED.inboxes.whatsapp });
			expect(result.items?.[0].json.contactInbox).toEqual({ source_id: '14155550199', inbox: expect.objectContaining({ id: SEED.inboxes.whatsapp }) });
		}
		expect(stored(id).contact_inboxes).toEqual([
			{ inbox_id: SEED.inboxes.api, source_id: expect.any(String) },
			{ inbox_id: SEED.inboxes.whatsapp, source_id: '14155550199' },
		]);
		expect(simulator().requests().filter((request) => request.path.endsWith('/contact_inboxes'))).toHaveLength(1);
	});

	test("an inbox the agent may not use: the error says the contact was updated but not added", async () => {
		const id = await existing({ phoneNumber: '+14155550177', name: 'Before' });
		const result = await run('upsert', { phoneNumber: '+14155550177', name: 'After', inboxId: SEED.inboxes.whatsapp }, undefined, simulator().url, SEED.tokens.agent);
		expect(result.error?.message).toBe('You are not authorized to do this action');
		expect(result.error?.description).toMatch(new RegExp(`^Contact #${id} "After" was updated, but not added to inbox ${SEED.inboxes.whatsapp}\\.`));
		expect(stored(id).name).toBe('After');
		expect(stored(id).contact_inboxes.map((link) => link.inbox_id)).toEqual([SEED.inboxes.api]);
	});

	test('keys of two different contacts: the item fails naming both, and nothing is stored differently', async () => {
		const jane = await existing({ name: 'Jane', email: 'jane@acme.inc' });
		const bob = await existing({ name: 'Bob', phoneNumber: '+14155550123' });
		const before = JSON.stringify(simulator().contacts());
		const result = await upsert({ email: 'jane@acme.inc', phoneNumber: '+14155550123', name: 'Merged?' });
		expect(result.error?.message).toBe(`The item's unique keys belong to different contacts (#${jane} "Jane", #${bob} "Bob")`);
		expect(result.error?.description).toMatch(/Email "jane@acme.inc" belongs to contact #\d+ "Jane"; Phone Number "\+14155550123" to contact #\d+ "Bob"\. Nothing was changed/);
		expect(JSON.stringify(simulator().contacts())).toBe(before);
	});

	test('20 items in flight, 5 people each four times: 5 contacts, each with the last of its items', async () => {
		simulator().setFaults({ latencyMs: 60 });
		const items = Array.from({ length: 20 }, (_, index) => {
			const person = index % 5;
			const email = index % 2 ? `p${person}@acme.inc` : `P${person}@ACME.inc`;
			return { json: { email, name: `p${person} round ${Math.floor(index / 5)}`, seen: `{"round${Math.floor(index / 5)}":true}` } };
		});
		const result = await upsert(
			{ email: '={{ $json.email }}', name: '={{ $json.name }}', additionalFields: { customAttributes: '={{ $json.seen }}' }, options: { requestsInFlight: 20 } },
			items,
		);
		expect(result.error).toBeUndefined();
		expect(result.items?.map((item) => item.json.action)).toEqual(items.map((_, index) => (index < 5 ? 'created' : 'updated')));
		const contacts = simulator().contacts();
		expect(contacts.map((contact) => [contact.email, contact.name]).sort()).toEqual(
			[0, 1, 2, 3, 4].map((person) => [`p${person}@acme.inc`, `p${person} round 3`]),
		);
		for (const contact of contacts) expect(contact.custom_attributes).toEqual({ round0: true, round1: true, round2: true, round3: true });
		// Different people went at the same time; one person's items never did: each of a person's
		// creates reached the server only after the previous item's requests were answered (60 ms each).
		expect(simulator().counters().maxInFlight).toBeGreaterThan(1);
		expect(simulator().counters().byStatus['422']).toBe(15);
		const createsOf = new Map<string, number[]>();
		for (const request of simulator().requests()) {
			if (request.method !== 'POST' || !request.path.endsWith('/contacts')) continue;
			const email = String((request.params as IDataObject).email).toLowerCase();
			createsOf.set(email, [...(createsOf.get(email) ?? []), request.receivedAt]);
		}
		for (const times of createsOf.values()) {
			expect(times).toHaveLength(4);
			for (let index = 1; index < times.length; index++) expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(60);
		}
	});

	test('a lost update answer is repeated and the contact is updated once', async () => {
		const id = await existing({ email: 'lost@acme.inc', name: 'Before' });
		const proxy = await startLossyProxy(simulator().url, (method, _path, index) => method === 'PATCH' && index === 0);
		try {
			const result = await upsert({ email: 'lost@acme.inc', name: 'After' }, undefined, proxy.url);
			expect(result.error).toBeUndefined();
			expect(result.items?.[0].json).toMatchObject({ action: 'updated', contact: { id, name: 'After' } });
			expect(proxy.lost()).toBe(1);
		} finally {
			await proxy.close();
		}
		expect(simulator().requests().filter((request) => request.method === 'PATCH')).toHaveLength(2);
		expect(stored(id).name).toBe('After');
	});

	test('a create whose answer was lost is repeated, refused as taken, and ends as an update of the contact it made', async () => {
		simulator().setFaults({ dropAfterRate: 1 });
		const result = await upsert({ email: 'once@acme.inc', name: 'Once' });
		expect(result.error).toBeUndefined();
		expect(result.items?.[0].json).toMatchObject({ action: 'updated', matchedBy: 'email', recovered: { note: expect.stringMatching(/may have been created/) } });
		expect(simulator().contacts().map((contact) => contact.email)).toEqual(['once@acme.inc']);
	});
});

describe('Get against the simulator', () => {
	test.each<[string, INodeParameters]>([
		['ID', { getBy: 'id', contactId: '={{ $json.id }}' }],
		['email', { getBy: 'email', email: 'FIND@acme.inc' }],
		['phone number', { getBy: 'phone_number', phoneNumber: '+4915112345678' }],
		['identifier', { getBy: 'identifier', identifier: 'Crm-1' }],
	])('by %s', async (_label, parameters) => {
		const id = await existing({ name: 'Find Me', email: 'find@acme.inc', phoneNumber: '+4915112345678', additionalFields: { identifier: 'Crm-1' } });
		await existing({ name: 'Other', email: 'find@acme.income', phoneNumber: '+491511234567', additionalFields: { identifier: 'crm-1' } });
		const result = await run('get', parameters, [{ json: { id } }]);
		expect(result.items).toEqual([{ json: expect.objectContaining({ id, name: 'Find Me', contact_inboxes: [expect.any(Object)] }), pairedItem: { item: 0 } }]);
	});

	test.each<[string, INodeParameters]>([
		['ID', { getBy: 'id', contactId: 999 }],
		['email', { getBy: 'email', email: 'nobody@acme.inc' }],
	])('not found by %s: an error by default, an empty item when asked', async (_label, parameters) => {
		await existing({ email: 'somebody@acme.inc' });
		const failed = await run('get', parameters);
		expect(failed.error?.message).toBe('Contact not found');
		const empty = await run('get', { ...parameters, returnEmpty: true });
		expect(empty.items).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});
});

describe('Create, when a unique key is taken', () => {
	test('names the contact holding it', async () => {
		const id = await existing({ name: 'Holder', email: 'held@acme.inc' });
		const from = simulator().requests().length;
		const result = await run('create', { email: 'Held@acme.inc' });
		expect(result.error?.message).toBe('Email has already been taken');
		expect(result.error?.description).toMatch(
			new RegExp(`Email "Held@acme.inc" belongs to contact #${id} "Holder"\\. Use Contact → Create or Update to update that contact instead\\.$`),
		);
		expect(requestsSince(from)).toEqual(['POST /contacts', 'POST /contacts/filter']);
	});
});

describe('Create or Update with mapped custom attributes and labels', () => {
	const A = SEED.contactAttributes;

	test('creates with its labels; an update adds labels to those kept and merges the mapped attributes; Replace sets the list', async () => {
		const created = await upsert({ email: 'tagged@acme.inc', ...attributeMapping({ [A.number]: 3 }), labels: ['vip'] });
		expect(created.items?.[0].json).toMatchObject({ action: 'created', labels: ['vip'] });
		const id = (created.items?.[0].json.contact as IDataObject).id as number;

		const added = await upsert({ email: 'tagged@acme.inc', ...attributeMapping({ [A.checkbox]: true }), labels: ['lead'] });
		expect(added.items?.[0].json).toMatchObject({ action: 'updated', matchedBy: 'email' });
		expect([...stored(id).labels].sort()).toEqual(['lead', 'vip']);
		expect(stored(id).custom_attributes).toEqual({ [A.number]: 3, [A.checkbox]: true });

		await upsert({ email: 'tagged@acme.inc', labels: ['customer'], labelsMode: 'replace' });
		expect(stored(id).labels).toEqual(['customer']);

		// Without labels given, the contact's labels are not touched.
		await upsert({ email: 'tagged@acme.inc', name: 'Renamed' });
		expect(stored(id).labels).toEqual(['customer']);
	});
});

describe('Create or Update into an inbox that cannot take API contacts', () => {
	test("the headline names the channel; one inbox lookup, only after Chatwoot's 500", async () => {
		const from = simulator().requests().length;
		const result = await upsert({ inboxId: SEED.inboxes.facebook, email: 'fb@acme.inc' });
		expect(result.error?.message).toBe('Inbox "Facebook Page" is a Facebook inbox, which cannot take contacts created through the API');
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.context?.data).toMatchObject({ status: 500 });
		expect(requestsSince(from)).toEqual(['POST /contacts', 'GET /inboxes']);
	});
});
