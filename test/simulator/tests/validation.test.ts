import { createContact } from './client';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

async function expectInvalid(body: unknown, message: string, attributes: string[]): Promise<void> {
	const response = await createContact(sim(), body);
	expect(response.status).toBe(422);
	expect(response.json).toEqual({ message, attributes });
}

describe('length limits', () => {
	it('a 3996-character name is "Name is too long (maximum is 255 characters)"', async () => {
		await expectInvalid({ name: 'test'.repeat(999) }, 'Name is too long (maximum is 255 characters)', ['name']);
	});

	it('the limit counts characters, not bytes or UTF-16 units', async () => {
		expect((await createContact(sim(), { name: '😀'.repeat(255) })).status).toBe(200);
		await expectInvalid({ identifier: 'é'.repeat(256) }, 'Identifier is too long (maximum is 255 characters)', ['identifier']);
	});
});

describe('email', () => {
	it('email is stored lowercased', async () => {
		const response = await createContact(sim(), { email: 'Test@test.com' });
		expect(response.json.payload.contact.email).toBe('test@test.com');
	});

	it('email "" becomes nil', async () => {
		const response = await createContact(sim(), { email: '' });
		expect(response.status).toBe(200);
		expect(response.json.payload.contact.email).toBeNull();
	});

	it('email format follows Devise.email_regexp', async () => {
		await expectInvalid({ email: '<2324234234' }, 'Email Invalid email', ['email']);
		await expectInvalid({ email: 'not-an-email' }, 'Email Invalid email', ['email']);
		await expectInvalid({ email: ' lead@space.io' }, 'Email Invalid email', ['email']);
		expect((await createContact(sim(), { email: 'a@b' })).status).toBe(200);
	});

	it('duplicate email in a different case is "Email has already been taken"', async () => {
		await createContact(sim(), { email: 'alice@x.com' });
		await expectInvalid({ email: 'ALICE@x.com' }, 'Email has already been taken', ['email']);
	});
});

describe('phone number', () => {
	it.each(['+14155550123', '+12', 'abc+14155550123', '++14155550123'])('%s is valid', async (phone) => {
		expect((await createContact(sim(), { phone_number: phone })).status).toBe(200);
	});

	it.each(['123456789', '14155550123', '+1 415 555 0123', '+0123', '+1', `+1${'2'.repeat(15)}`, '+14155550123\n'])(
		'%p is "Phone number should be in e164 format"',
		async (phone) => {
			await expectInvalid({ phone_number: phone }, 'Phone number should be in e164 format', ['phone_number']);
		},
	);

	it('phone uniqueness is an exact string match', async () => {
		await createContact(sim(), { phone_number: '+12000000' });
		await expectInvalid({ phone_number: '+12000000' }, 'Phone number has already been taken', ['phone_number']);
		expect((await createContact(sim(), { phone_number: 'x+12000000' })).status).toBe(200);
	});
});

describe('identifier', () => {
	it('duplicate identifier is taken; identifiers differing in case are both allowed', async () => {
		await createContact(sim(), { identifier: 'crm-1' });
		await expectInvalid({ identifier: 'crm-1' }, 'Identifier has already been taken', ['identifier']);
		expect((await createContact(sim(), { identifier: 'CRM-1' })).status).toBe(200);
	});
});

describe('message order', () => {
	it('errors are joined by ", " in Chatwoot order with distinct attributes', async () => {
		await createContact(sim(), { email: 'dup@x.io', identifier: 'dup', phone_number: '+15550001' });
		await expectInvalid(
			{ name: 'n'.repeat(256), email: 'DUP@x.io', identifier: 'dup', phone_number: '+15550001' },
			'Name is too long (maximum is 255 characters), Email has already been taken, Identifier has already been taken, Phone number has already been taken',
			['name', 'email', 'identifier', 'phone_number'],
		);
	});

	it('length errors come first, then email format, then phone format', async () => {
		await expectInvalid(
			{ email: `${'a'.repeat(250)}@bad@x`, phone_number: '555' },
			'Email is too long (maximum is 255 characters), Email Invalid email, Phone number should be in e164 format',
			['email', 'phone_number'],
		);
	});

	it('a failed validation stores nothing', async () => {
		await createContact(sim(), { email: 'bad' });
		expect(sim().contacts()).toHaveLength(0);
	});
});

describe('attribute hashes', () => {
	it('custom_attributes / additional_attributes of null or "" become {}', async () => {
		const response = await createContact(sim(), { custom_attributes: null, additional_attributes: '' });
		expect(response.json.payload.contact.custom_attributes).toEqual({});
		expect(response.json.payload.contact.additional_attributes).toEqual({});
	});

	it('no validation against custom attribute definitions: any key is stored', async () => {
		const response = await createContact(sim(), { custom_attributes: { undefined_key: 'kept' } });
		expect(response.json.payload.contact.custom_attributes).toEqual({ undefined_key: 'kept' });
	});
});
