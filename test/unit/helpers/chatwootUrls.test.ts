import { ACCOUNT_URL_REGEX, ID_REGEX, INBOX_URL_REGEX, accountIdFromUrl, inboxIdFromUrl } from '../../../nodes/Chatwoot/helpers/chatwootUrls';

describe('Account → By URL', () => {
	test.each([
		['https://chat.example.com/app/accounts/1/dashboard', '1'],
		['https://chat.example.com/app/accounts/12/settings/inboxes/3', '12'],
		['https://chat.example.com/app/accounts/7', '7'],
		['https://chat.example.com/app/accounts/7/', '7'],
		['http://localhost:3000/app/accounts/2/contacts?page=2', '2'],
		['https://example.com/chatwoot/app/accounts/5/conversations/9#x', '5'],
		['  https://chat.example.com/app/accounts/1/dashboard  ', '1'],
	])('%s → %s', (url, id) => {
		expect(accountIdFromUrl(url)).toBe(id);
	});

	test.each([
		'',
		'1',
		'chat.example.com/app/accounts/1/dashboard',
		'https://chat.example.com/app/accounts/0/dashboard',
		'https://chat.example.com/app/accounts/abc/dashboard',
		'https://chat.example.com/app/accounts/1abc',
		'https://chat.example.com/api/v1/accounts/1/contacts',
		'https://chat.example.com/app/accounts/1/dashboard and more',
		'ftp://chat.example.com/app/accounts/1/dashboard',
	])('refuses %j', (url) => {
		expect(accountIdFromUrl(url)).toBeUndefined();
	});
});

describe('Inbox → By URL', () => {
	test.each([
		['https://chat.example.com/app/accounts/1/settings/inboxes/3', { accountId: '1', inboxId: '3' }],
		['https://chat.example.com/app/accounts/1/settings/inboxes/3/', { accountId: '1', inboxId: '3' }],
		['https://chat.example.com/app/accounts/4/settings/inboxes/31?tab=collaborators', { accountId: '4', inboxId: '31' }],
		['https://chat.example.com/app/accounts/1/inbox/8', { accountId: '1', inboxId: '8' }],
		['https://example.com/chatwoot/app/accounts/2/inbox/8/conversations/5', { accountId: '2', inboxId: '8' }],
	])('%s', (url, ids) => {
		expect(inboxIdFromUrl(url)).toEqual(ids);
	});

	test.each([
		'https://chat.example.com/app/accounts/1/dashboard',
		'https://chat.example.com/app/accounts/1/settings/inboxes',
		'https://chat.example.com/app/accounts/1/settings/inboxes/new',
		'https://chat.example.com/app/accounts/1/settings/inboxes/0',
		'3',
	])('refuses %j', (url) => {
		expect(inboxIdFromUrl(url)).toBeUndefined();
	});
});

describe('the regexes as n8n uses them', () => {
	test('extractValue needs exactly one group', () => {
		for (const regex of [ACCOUNT_URL_REGEX, INBOX_URL_REGEX]) {
			expect(new RegExp(`${regex}|`).exec('')!.length).toBe(2);
		}
	});

	test.each([
		['1', true],
		[' 42 ', true],
		['0', false],
		['-1', false],
		['1/../2', false],
		['abc', false],
	])('By ID accepts %j: %s', (value, accepted) => {
		expect(new RegExp(ID_REGEX).test(value)).toBe(accepted);
	});
});
