import { call } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

const INBOXES = `/api/v1/accounts/${SEED.accounts.main}/inboxes`;

describe('GET /api/v1/profile', () => {
	it('a user token returns that user with its access_token and accounts, keys in render order', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile');
		expect(response.status).toBe(200);
		expect(Object.keys(response.json).slice(0, 4)).toEqual(['access_token', 'account_id', 'available_name', 'avatar_url']);
		expect(response.json).toMatchObject({
			access_token: SEED.tokens.admin,
			account_id: SEED.accounts.main,
			id: SEED.users.admin,
			name: 'Admin Alice',
			role: 'administrator',
			type: null,
		});
		expect(response.json.accounts.map((account: { id: number; status: string }) => [account.id, account.status])).toEqual([
			[1, 'active'],
			[3, 'suspended'],
		]);
		expect(response.json.accounts[0]).toMatchObject({ name: 'Acme Support', role: 'administrator', permissions: ['administrator'] });
	});

	it('a SuperAdmin token gets 200 with type SuperAdmin', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile', { token: SEED.tokens.superAdmin });
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ type: 'SuperAdmin', account_id: null, accounts: [] });
	});

	it('the agent profile reports the agent role', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile', { token: SEED.tokens.agent });
		expect(response.json.role).toBe('agent');
		expect(response.json.accounts).toHaveLength(1);
	});
});

describe('GET /accounts/:id/inboxes', () => {
	it('administrators see every inbox of the account, ordered by lower(name)', async () => {
		const response = await call(sim(), 'GET', INBOXES);
		expect(response.status).toBe(200);
		const names: string[] = response.json.payload.map((inbox: { name: string }) => inbox.name);
		expect(names).toHaveLength(14);
		expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		expect(response.json.payload.map((inbox: { id: number }) => inbox.id)).not.toContain(SEED.inboxes.otherAccountApi);
	});

	it('agents see only the inboxes they are members of', async () => {
		const response = await call(sim(), 'GET', INBOXES, { token: SEED.tokens.agent });
		expect(response.json.payload.map((inbox: { id: number }) => inbox.id).sort()).toEqual([SEED.inboxes.api, SEED.inboxes.email]);
	});

	it('each inbox has the always-present keys and the channel-specific ones', async () => {
		const { json } = await call(sim(), 'GET', INBOXES);
		const byId = new Map<number, Record<string, unknown>>(json.payload.map((inbox: { id: number }) => [inbox.id, inbox]));
		for (const inbox of byId.values()) {
			expect(Object.keys(inbox).slice(0, 5)).toEqual(['id', 'avatar_url', 'channel_id', 'name', 'channel_type']);
			expect(inbox).toHaveProperty('working_hours');
			expect(inbox).toHaveProperty('website_token');
			expect(inbox).toHaveProperty('provider');
		}
		expect(byId.get(SEED.inboxes.twilioWhatsapp)).toMatchObject({ channel_type: 'Channel::TwilioSms', medium: 'whatsapp' });
		expect(byId.get(SEED.inboxes.whatsapp)).toMatchObject({ channel_type: 'Channel::Whatsapp', provider: 'whatsapp_cloud' });
		expect(byId.get(SEED.inboxes.email)).toMatchObject({ channel_type: 'Channel::Email', provider: null, email: 'support@acme.example' });
		expect(byId.get(SEED.inboxes.website)?.website_token).toEqual(expect.any(String));
		expect(byId.get(SEED.inboxes.api)?.website_token).toBeNull();
	});

	it('secrets (hmac_token, IMAP/SMTP passwords, provider_config) are rendered for administrators only', async () => {
		const admin = await call(sim(), 'GET', INBOXES);
		const agent = await call(sim(), 'GET', INBOXES, { token: SEED.tokens.agent });
		const adminEmail = admin.json.payload.find((inbox: { id: number }) => inbox.id === SEED.inboxes.email);
		const agentEmail = agent.json.payload.find((inbox: { id: number }) => inbox.id === SEED.inboxes.email);
		expect(adminEmail.imap_password).toBe('imap-secret');
		expect(agentEmail).not.toHaveProperty('imap_password');
		expect(agent.text).not.toContain('hmac_token');
	});

	it('non-members get 401 You are not authorized to access this account', async () => {
		const response = await call(sim(), 'GET', `/api/v1/accounts/${SEED.accounts.other}/inboxes`);
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ error: 'You are not authorized to access this account' });
	});
});
