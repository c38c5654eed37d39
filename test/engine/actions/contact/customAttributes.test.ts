/**
 * Contact → Create with custom attributes mapped from the account's definitions, run by n8n's engine
 * against nock: what reaches Chatwoot, and what is refused before anything is sent.
 */
import nock from 'nock';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { loadChatwootMappingFields, runChatwootNode } from '../../../harness/engine';
import { attributeMapping, binaryItem, PNG_1x1, TOKEN } from '../../../harness/fixtures';
import type { MappedValues } from '../../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: BASE, accessToken: TOKEN };
const CREATED = { payload: { contact: { id: 42 }, contact_inbox: { inbox: null, source_id: null } } };

/** One contact attribute per display type, shaped like _custom_attribute_definition.json.jbuilder. */
const DEFINITIONS = [
	{ attribute_key: 'loyalty_code', attribute_display_name: 'Loyalty code', attribute_display_type: 'text', regex_pattern: '/^[A-Z]{2}-\\d{4}$/', regex_cue: 'Two capital letters, a dash and four digits' },
	{ attribute_key: 'nickname', attribute_display_name: 'Nickname', attribute_display_type: 'text', regex_pattern: null, regex_cue: null },
	{ attribute_key: 'seats', attribute_display_name: 'Seats', attribute_display_type: 'number' },
	{ attribute_key: 'lifetime_value', attribute_display_name: 'Lifetime value', attribute_display_type: 'currency' },
	{ attribute_key: 'discount_rate', attribute_display_name: 'Discount rate', attribute_display_type: 'percent' },
	{ attribute_key: 'crm_profile', attribute_display_name: 'CRM profile', attribute_display_type: 'link' },
	{ attribute_key: 'renewal_date', attribute_display_name: 'Renewal date', attribute_display_type: 'date' },
	{ attribute_key: 'plan', attribute_display_name: 'Plan', attribute_display_type: 'list', attribute_values: ['free', 'pro', 'enterprise'] },
	{ attribute_key: 'newsletter', attribute_display_name: 'Newsletter', attribute_display_type: 'checkbox' },
].map((definition, index) => ({
	id: index + 1,
	attribute_description: null,
	attribute_values: [],
	regex_pattern: null,
	regex_cue: null,
	attribute_model: 'contact_attribute',
	default_value: null,
	...definition,
}));

let sent: Array<{ headers: Record<string, string | string[] | undefined>; body: string }>;

beforeEach(() => {
	sent = [];
	nock.disableNetConnect();
});

afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

function definitionsAnswer(status = 200, body: unknown = DEFINITIONS) {
	return nock(BASE).get('/api/v1/accounts/1/custom_attribute_definitions').query({ attribute_model: 'contact_attribute' }).reply(status, body as nock.Body);
}

/** Answers `times` contact creates, recording each request body as text. */
function createsAnswered(times = 1) {
	return nock(BASE)
		.post('/api/v1/accounts/1/contacts')
		.times(times)
		.reply(function (_uri, body) {
			const text = typeof body === 'string' ? Buffer.from(body, /^[0-9a-f]+$/i.test(body) ? 'hex' : 'utf8').toString('utf8') : JSON.stringify(body);
			sent.push({ headers: this.req.headers, body: text });
			return [200, CREATED];
		});
}

const sentJson = (index = 0) => JSON.parse(sent[index].body) as IDataObject;

function mapped(value: MappedValues, extra: INodeParameters = {}, mappingMode?: 'autoMapInputData'): INodeParameters {
	return { resource: 'contact', operation: 'create', accountId: 1, inboxId: 3, ...attributeMapping(value, mappingMode), ...extra };
}

function create(parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) {
	return runChatwootNode({ credentials, parameters, items, continueOnFail });
}

describe('Map Each Attribute: the attribute list in the editor', () => {
	test('one field per contact attribute, shown by name, keyed by attribute key, typed by display type', async () => {
		definitionsAnswer();
		const { fields } = await loadChatwootMappingFields('getContactAttributeFields', { accountId: 1 }, credentials);
		expect(fields.map(({ id, displayName, type }) => [id, displayName, type])).toEqual([
			['loyalty_code', 'Loyalty code', 'string'],
			['nickname', 'Nickname', 'string'],
			['seats', 'Seats', 'number'],
			['lifetime_value', 'Lifetime value', 'number'],
			['discount_rate', 'Discount rate', 'number'],
			['crm_profile', 'CRM profile', 'string'],
			['renewal_date', 'Renewal date', 'dateTime'],
			['plan', 'Plan', 'options'],
			['newsletter', 'Newsletter', 'boolean'],
		]);
		expect(fields.find((field) => field.id === 'plan')?.options).toEqual([
			{ name: 'free', value: 'free' },
			{ name: 'pro', value: 'pro' },
			{ name: 'enterprise', value: 'enterprise' },
		]);
		expect(fields.every((field) => field.required === false && field.display && field.canBeUsedToMatch === false)).toBe(true);
	});

	test('an account without contact attributes gets a hint instead of an empty list', async () => {
		definitionsAnswer(200, []);
		const result = await loadChatwootMappingFields('getContactAttributeFields', { accountId: 1 }, credentials);
		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toMatch(/Account 1 has no custom attributes for contacts yet\. Define them in Chatwoot under Settings → Custom Attributes/);
	});

	test("a failed read says why in Chatwoot's words, without the token", async () => {
		definitionsAnswer(401, { error: 'Invalid Access Token' });
		const failure = loadChatwootMappingFields('getContactAttributeFields', { accountId: 1 }, credentials);
		await expect(failure).rejects.toThrow('Could not read the custom attribute definitions of account 1: Chatwoot answered 401: Invalid Access Token');
		await failure.catch((error) => expect(JSON.stringify(error)).not.toContain(TOKEN));
	});

	test('asks for an account first', async () => {
		await expect(loadChatwootMappingFields('getContactAttributeFields', {}, credentials)).rejects.toThrow('Choose an Account first');
	});
});

describe('Map Each Attribute: what is sent', () => {
	test('every display type is sent typed as Chatwoot reads it; the definitions are read once per run', async () => {
		const definitions = definitionsAnswer();
		createsAnswered(2);
		const result = await create(
			mapped({
				loyalty_code: 'AB-1234',
				nickname: '={{ $json.nick }}',
				seats: '={{ $json.seats }}',
				lifetime_value: 1250.5,
				discount_rate: '12.5',
				crm_profile: 'https://crm.example.com/c/42',
				renewal_date: '2026-05-01T00:00:00',
				plan: 'pro',
				newsletter: false,
			}),
			[{ json: { nick: 'Jay', seats: '5' } }, { json: { nick: 'Kay', seats: 7 } }],
		);
		expect(result.error).toBeUndefined();
		expect(definitions.isDone()).toBe(true);
		expect(sentJson(0).custom_attributes).toEqual({
			loyalty_code: 'AB-1234',
			nickname: 'Jay',
			seats: 5,
			lifetime_value: 1250.5,
			discount_rate: 12.5,
			crm_profile: 'https://crm.example.com/c/42',
			renewal_date: '2026-05-01T00:00:00',
			plan: 'pro',
			newsletter: false,
		});
		expect(sentJson(1).custom_attributes).toMatchObject({ nickname: 'Kay', seats: 7 });
		expect(result.items?.map((item) => item.json)).toEqual([CREATED, CREATED]);
	});

	test('an attribute left empty is not sent, and without any value the definitions are not even read', async () => {
		createsAnswered();
		await create(mapped({ nickname: '  ', seats: '={{ $json.missing }}', plan: '' }));
		expect(sentJson()).toEqual({ inbox_id: 3 });
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a date from an expression ({{ $now }} style) is sent as ISO text', async () => {
		definitionsAnswer();
		createsAnswered();
		await create(mapped({ renewal_date: "={{ DateTime.fromISO('2026-05-01T10:00:00', { zone: 'utc' }) }}" }));
		expect(sentJson().custom_attributes).toEqual({ renewal_date: '2026-05-01T10:00:00.000Z' });
	});

	test('Map Automatically takes the input fields named like attribute keys and ignores the rest', async () => {
		definitionsAnswer();
		createsAnswered();
		await create(mapped(null, {}, 'autoMapInputData'), [{ json: { email: 'x@example.com', seats: '3', plan: 'free', note: 'not an attribute' } }]);
		expect(sentJson().custom_attributes).toEqual({ seats: 3, plan: 'free' });
	});

	test('the JSON field stays the default, and is not read in Map Each Attribute mode', async () => {
		createsAnswered(2);
		await create({ resource: 'contact', operation: 'create', accountId: 1, inboxId: 3, additionalFields: { customAttributes: '{"plan":"anything"}' } });
		expect(sentJson(0).custom_attributes).toEqual({ plan: 'anything' });
		await create(mapped(null, { additionalFields: { customAttributes: '{"plan":"anything"}' } }));
		expect(sentJson(1).custom_attributes).toBeUndefined();
	});

	test('with an avatar file the mapped values travel as form text', async () => {
		definitionsAnswer();
		createsAnswered();
		await create(mapped({ seats: 5, newsletter: true, plan: 'pro' }, { avatarSource: 'binary', binaryPropertyName: 'data' }), [
			binaryItem(PNG_1x1, 'image/png', 'a.png'),
		]);
		expect(sent[0].headers['content-type']).toMatch(/^multipart\/form-data/);
		for (const [name, value] of [['seats', '5'], ['newsletter', 'true'], ['plan', 'pro']]) {
			expect(sent[0].body).toContain(`name="custom_attributes[${name}]"\r\n\r\n${value}\r\n`);
		}
	});
});

describe('Map Each Attribute: bad values are refused before anything is sent', () => {
	test.each([
		['loyalty_code', 'ab-12', 'Custom attribute "Loyalty code" (loyalty_code) does not match its pattern', 'Two capital letters, a dash and four digits It is "ab-12".'],
		['seats', 'five', 'Custom attribute "Seats" (seats) must be a number', 'It is "five".'],
		['lifetime_value', '€1,250', 'Custom attribute "Lifetime value" (lifetime_value) must be a number', 'without a currency sign'],
		['discount_rate', '12%', 'Custom attribute "Discount rate" (discount_rate) must be a number', 'percent sign'],
		['crm_profile', 'crm.example.com/c/42', 'Custom attribute "CRM profile" (crm_profile) must be a link', 'https://example.com/page'],
		['renewal_date', '05/01/2026', 'Custom attribute "Renewal date" (renewal_date) must be a date', 'ISO 8601'],
		['plan', 'Pro', 'Custom attribute "Plan" (plan) must be one of its list values', 'Did you mean "pro"?'],
		['newsletter', 'yes', 'Custom attribute "Newsletter" (newsletter) must be true or false', 'It is "yes".'],
		['nickname', '={{ { first: "J" } }}', 'Custom attribute "Nickname" (nickname) must be text', 'It is {"first":"J"}.'],
	])('%s = %j', async (key, value, message, hint) => {
		definitionsAnswer();
		const result = await create(mapped({ [key]: value }));
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain(hint);
		expect(sent).toEqual([]);
	});

	test('with Continue On Fail only the bad item fails; the good one is sent', async () => {
		definitionsAnswer();
		createsAnswered();
		const result = await create(mapped({ seats: '={{ $json.seats }}' }), [{ json: { seats: 'many' } }, { json: { seats: 2 } }], true);
		expect(result.items?.map((item) => item.json)).toEqual([
			expect.objectContaining({ error: 'Custom attribute "Seats" (seats) must be a number', itemIndex: 0 }),
			CREATED,
		]);
		expect(sent.map((_, index) => sentJson(index).custom_attributes)).toEqual([{ seats: 2 }]);
	});

	test('an attribute deleted in Chatwoot since the list was loaded is named, not sent blindly', async () => {
		definitionsAnswer();
		const result = await create(mapped({ old_score: 3 }));
		expect(result.error?.message).toBe('Custom attribute "old_score" is not defined for contacts in account 1');
		expect(result.error?.description).toMatch(/refresh it and remove the attribute/);
		expect(sent).toEqual([]);
	});

	test('when the definitions cannot be read, the item says so and nothing is sent', async () => {
		definitionsAnswer(401, { error: 'You are not authorized to access this account' });
		const result = await create(mapped({ seats: 1 }));
		expect(result.error?.message).toBe('Could not read the custom attribute definitions of account 1 to check the mapped attribute values');
		expect(result.error?.description).toBe('Chatwoot answered 401: You are not authorized to access this account. Nothing was sent for this item.');
		expect(sent).toEqual([]);
	});
});
