import type { INode } from 'n8n-workflow';
import { bodyForDetails, chatwootApiError, chatwootWords, offendingAttributes, summarizeResponse } from '../../../nodes/Chatwoot/transport/errors';

const node: INode = { id: '1', name: 'Chatwoot', type: 'n8n-nodes-chatwoot-api.chatwoot', typeVersion: 1, position: [0, 0], parameters: {} };
const PROXY_PAGE = (status: string) =>
	`<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`;

describe('chatwootApiError: every response shape Chatwoot renders becomes a message in its words and a hint', () => {
	test.each<[string, number, unknown, RegExp, RegExp]>([
		['invalid token', 401, { error: 'Invalid Access Token' }, /^Invalid Access Token$/, /^HTTP 401\. Check the credential's API Access Token/],
		['bot token', 401, { error: 'Access to this endpoint is not authorized for bots' }, /not authorized for bots/, /agent-bot or platform-app token/],
		['no token reached Chatwoot', 401, { errors: ['You need to sign in or sign up before continuing.'] }, /You need to sign in/, /No token reached Chatwoot/],
		['suspended account', 401, { error: 'Account is suspended' }, /Account is suspended/, /suspended\. Ask the instance administrator/],
		['not a member', 401, { error: 'You are not authorized to access this account' }, /not authorized to access this account/, /not a member of this account/],
		['unknown account or inbox', 404, { error: 'Resource could not be found' }, /^Resource could not be found/, /inbox must belong to the chosen account/],
		['email taken', 422, { message: 'Email has already been taken', attributes: ['email'] }, /^Email has already been taken$/, /Fields: email\. .*unique per account \(compared case-insensitively\)/],
		['email invalid', 422, { message: 'Email Invalid email', attributes: ['email'] }, /Invalid email/, /single address such as jane@example\.com/],
		['phone format', 422, { message: 'Phone number should be in e164 format', attributes: ['phone_number'] }, /e164/, /E\.164.*\+14155550123/],
		['phone taken', 422, { message: 'Phone number has already been taken', attributes: ['phone_number'] }, /taken/, /Phone numbers are unique per account/],
		['identifier taken', 422, { message: 'Identifier has already been taken', attributes: ['identifier'] }, /taken/, /case-sensitive/],
		['two errors', 422, { message: 'Email has already been taken, Phone number has already been taken', attributes: ['email', 'phone_number'] }, /Email has already been taken, Phone number/, /Fields: email, phone_number/],
		['name too long', 422, { message: 'Name is too long (maximum is 255 characters)', attributes: ['name'] }, /Name is too long/, /255 characters/],
		['avatar refused', 422, { message: 'Avatar file size is too big', attributes: ['avatar'] }, /too big/, /JPEG, PNG or GIF image of at most 15 MB/],
		['email inbox without email', 422, { error: 'param is missing or the value is empty: contact email' }, /contact email/, /Email inbox/],
		['phone inbox without phone', 422, { error: 'param is missing or the value is empty: contact phone number' }, /contact phone number/, /WhatsApp or SMS inbox/],
		['bad source id', 422, { message: 'Source invalid source id for whatsapp inbox. valid Regex (?-mix:^\\d{1,15}\\z)', attributes: ['source_id'] }, /invalid source id/, /WhatsApp inboxes take digits only/],
		['unknown attribute error', 422, { message: 'Something else', attributes: ['other'] }, /Something else/, /Correct the fields Chatwoot names/],
		['server error', 500, { status: 500, error: 'Internal Server Error' }, /^Internal Server Error/, /Facebook, Instagram/],
		['malformed body', 400, { status: 400, error: 'Bad Request' }, /^Bad Request/, /could not read the request body/],
		['rate limit', 429, 'Retry later\n', /^Chatwoot is rate-limiting these requests \(429 Retry later\)/, /3000 requests a minute per IP/],
		['proxy page', 503, PROXY_PAGE('503 Service Unavailable'), /503 with an HTML page "503 Service Unavailable"/, /a proxy in front of it failed/],
		['a body that is not JSON', 500, 'oops', /500 with a body that is not JSON/, /failed/],
		['an empty body on a 404', 404, '', /404 with an empty body/, /Base URL points at Chatwoot itself/],
		['another status', 409, { error: 'Conflict' }, /^Conflict/, /Check the fields of this item/],
	])('%s', (_label, statusCode, body, message, description) => {
		const error = chatwootApiError(node, { statusCode, headers: {}, body }, 2);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe(String(statusCode));
	});

	test("the item is in the error's context, not in its message or description", () => {
		const error = chatwootApiError(node, { statusCode: 401, headers: {}, body: { error: 'Invalid Access Token' } }, 2);
		expect(error.message).toBe('Invalid Access Token');
		expect(error.description).toBe("HTTP 401. Check the credential's API Access Token: copy it again from Chatwoot's Profile Settings → Access Token.");
		expect(error.context.itemIndex).toBe(2);
	});

	test.each<[string, unknown, unknown]>([
		['a JSON object', { message: 'Email Invalid email', attributes: ['email'] }, { message: 'Email Invalid email', attributes: ['email'] }],
		['a JSON array', ['a', 'b'], ['a', 'b']],
		['text', ' oops \n', 'oops'],
		['long text', 'y'.repeat(3000), `${'y'.repeat(2000)}… (3000 characters in all)`],
	])("the body is in the details (Error data, Full message): %s", (_label, body, shown) => {
		const error = chatwootApiError(node, { statusCode: 422, headers: {}, body }, 0);
		expect(bodyForDetails(body)).toEqual(shown);
		expect(error.context.data).toEqual(shown);
		expect(error.messages).toEqual([`422 - ${typeof shown === 'string' ? shown : JSON.stringify(shown)}`]);
	});

	test('an empty body adds no details', () => {
		const error = chatwootApiError(node, { statusCode: 404, headers: {}, body: '' });
		expect(error.context.data).toBeUndefined();
		expect(error.messages).toEqual([]);
	});

	test('a headline the node knows better replaces Chatwoot\'s words; status, fields and body stay', () => {
		const error = chatwootApiError(node, { statusCode: 500, headers: {}, body: { status: 500, error: 'Internal Server Error' } }, 1, {
			message: 'Inbox "X" is a Facebook inbox',
			hint: 'Choose another inbox.',
		});
		expect(error.message).toBe('Inbox "X" is a Facebook inbox');
		expect(error.description).toBe('HTTP 500. Choose another inbox.');
		expect(error.httpCode).toBe('500');
		expect(error.context.data).toEqual({ status: 500, error: 'Internal Server Error' });
	});

	test('without an item (a dropdown) the message and details name none', () => {
		const error = chatwootApiError(node, { statusCode: 401, headers: {}, body: { error: 'Invalid Access Token' } });
		expect(error.message).toBe('Invalid Access Token');
		expect(error.description).not.toMatch(/Item/);
	});
});

describe('summarizeResponse', () => {
	test.each<[number, unknown, string]>([
		[502, PROXY_PAGE('502 Bad Gateway'), 'Chatwoot answered 502 with an HTML page "502 Bad Gateway"'],
		[504, '', 'Chatwoot answered 504 with an empty body'],
		[500, { error: 'Internal Server Error' }, 'Chatwoot answered 500: Internal Server Error'],
	])('%d', (statusCode, body, summary) => {
		expect(summarizeResponse({ statusCode, headers: {}, body })).toBe(summary);
	});
});

describe("chatwootWords and offendingAttributes read Chatwoot's error shapes", () => {
	test.each<[unknown, string | undefined]>([
		[{ message: 'Email has already been taken', attributes: ['email'] }, 'Email has already been taken'],
		[{ error: 'Resource could not be found' }, 'Resource could not be found'],
		[{ errors: ['a', 'b'] }, 'a, b'],
		[{ errors: [{ field: 'x' }] }, undefined],
		[{ message: '' }, undefined],
		[['a'], undefined],
		['text', undefined],
		[null, undefined],
	])('%j → %s', (body, words) => {
		expect(chatwootWords(body)).toBe(words);
	});

	test('attributes are the strings of the attributes list, nothing else', () => {
		expect(offendingAttributes({ attributes: ['email', 3, 'name'] })).toEqual(['email', 'name']);
		expect(offendingAttributes({ attributes: 'email' })).toEqual([]);
		expect(offendingAttributes(['email'])).toEqual([]);
	});
});
