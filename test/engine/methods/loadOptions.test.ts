import nock from 'nock';
import { loadChatwootOptions } from '../../harness/engine';
import { TOKEN } from '../../harness/fixtures';

const BASE = 'https://chat.example.com';
const credentials = { baseUrl: `${BASE}/`, accessToken: TOKEN };

afterEach(() => nock.cleanAll());

describe('Account dropdown (getAccounts)', () => {
	test('lists the accounts of the token\'s user from /api/v1/profile, with role and any non-active status', async () => {
		nock(BASE)
			.get('/api/v1/profile')
			.matchHeader('api-access-token', TOKEN)
			.reply(200, {
				id: 7,
				access_token: TOKEN,
				accounts: [
					{ id: 1, name: 'Acme Support', status: 'active', role: 'administrator' },
					{ id: 3, name: 'Old Shop', status: 'suspended', role: 'agent' },
				],
			});
		expect(await loadChatwootOptions('getAccounts', {}, credentials)).toEqual([
			{ name: 'Acme Support (#1)', value: 1, description: 'Role: administrator' },
			{ name: 'Old Shop (#3)', value: 3, description: 'Role: agent · Status: suspended' },
		]);
	});

	test("a rejected token is reported in Chatwoot's words without the token", async () => {
		nock(BASE).get('/api/v1/profile').reply(401, { error: 'Invalid Access Token' });
		const failure = loadChatwootOptions('getAccounts', {}, credentials);
		await expect(failure).rejects.toThrow('Invalid Access Token');
		await failure.catch((error) => expect(JSON.stringify(error)).not.toContain(TOKEN));
	});
});

describe('Inbox dropdown (getInboxes)', () => {
	test("lists the chosen account's inboxes with channel and what each needs", async () => {
		nock(BASE)
			.get('/api/v1/accounts/3/inboxes')
			.reply(200, {
				payload: [
					{ id: 1, name: 'API inbox', channel_type: 'Channel::Api' },
					{ id: 2, name: 'Website', channel_type: 'Channel::WebWidget' },
					{ id: 3, name: 'Support mail', channel_type: 'Channel::Email' },
					{ id: 4, name: 'WhatsApp', channel_type: 'Channel::Whatsapp' },
					{ id: 6, name: 'Twilio', channel_type: 'Channel::TwilioSms', medium: 'sms' },
					{ id: 7, name: 'Twilio WA', channel_type: 'Channel::TwilioSms', medium: 'whatsapp' },
					{ id: 9, name: 'Facebook page', channel_type: 'Channel::FacebookPage' },
					{ id: 15, name: 'Brand new', channel_type: 'Channel::Future' },
				],
			});
		expect(await loadChatwootOptions('getInboxes', { accountId: 3 }, credentials)).toEqual([
			{ name: 'API inbox (API)', value: 1, description: '#1 · Any contact' },
			{ name: 'Website (Website)', value: 2, description: '#2 · Any contact' },
			{ name: 'Support mail (Email)', value: 3, description: '#3 · Needs the contact to have an email' },
			{ name: 'WhatsApp (WhatsApp)', value: 4, description: '#4 · Needs the contact to have a phone number' },
			{ name: 'Twilio (Twilio SMS)', value: 6, description: '#6 · Needs the contact to have a phone number' },
			{ name: 'Twilio WA (Twilio WhatsApp)', value: 7, description: '#7 · Needs the contact to have a phone number' },
			{
				name: 'Facebook page (Facebook)',
				value: 9,
				description: '#9 · Chatwoot cannot add contacts created through the API to this channel (it answers 500)',
			},
			{
				name: 'Brand new (Future)',
				value: 15,
				description: '#15 · Chatwoot cannot add contacts created through the API to this channel (it answers 500)',
			},
		]);
	});

	test('asks for an account first instead of requesting a path built from a bad ID', async () => {
		await expect(loadChatwootOptions('getInboxes', { accountId: '1/../2' }, credentials)).rejects.toThrow('Choose an Account first');
		await expect(loadChatwootOptions('getInboxes', {}, credentials)).rejects.toThrow('Choose an Account first');
	});

	test('a non-member account gives Chatwoot\'s message', async () => {
		nock(BASE).get('/api/v1/accounts/2/inboxes').reply(401, { error: 'You are not authorized to access this account' });
		await expect(loadChatwootOptions('getInboxes', { accountId: 2 }, credentials)).rejects.toThrow(
			'You are not authorized to access this account',
		);
	});
});
