import { call, CONTACTS, createContact } from './client';
import { SEED } from '../index';
import { useSimulator } from '../../harness/simulator';

const sim = useSimulator();

describe('missing token', () => {
	it('unauthenticated create is 401 with the devise body and creates nothing', async () => {
		const response = await createContact(sim(), { name: 'test', custom_attributes: { test: 'test' } }, null);
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ errors: ['You need to sign in or sign up before continuing.'] });
		expect(sim().contacts()).toHaveLength(0);
	});

	it('an empty api_access_token value is not present? and falls through to devise', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile', { token: null, headers: { api_access_token: '' } });
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ errors: ['You need to sign in or sign up before continuing.'] });
	});

	it('Authorization: Bearer <valid api token> is not accepted', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile', {
			token: null,
			headers: { authorization: `Bearer ${SEED.tokens.admin}` },
		});
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ errors: ['You need to sign in or sign up before continuing.'] });
	});

	it('the token is not accepted as a query parameter', async () => {
		const response = await call(sim(), 'GET', `/api/v1/profile?api_access_token=${SEED.tokens.admin}`, { token: null });
		expect(response.status).toBe(401);
		expect(response.json.errors).toHaveLength(1);
	});
});

describe('api_access_token lookup', () => {
	it('an unknown token is 401 Invalid Access Token', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile', { token: 'invalid' });
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ error: 'Invalid Access Token' });
	});

	it('both header spellings api_access_token and api-access-token authenticate', async () => {
		const underscore = await call(sim(), 'GET', '/api/v1/profile');
		const dash = await call(sim(), 'GET', '/api/v1/profile', {
			token: null,
			headers: { 'api-access-token': SEED.tokens.agent },
		});
		expect(underscore.json.id).toBe(SEED.users.admin);
		expect(dash.json.id).toBe(SEED.users.agent);
	});

	it('when both spellings are sent, the dash variant wins (Puma drops the underscore one)', async () => {
		const response = await call(sim(), 'GET', '/api/v1/profile', { headers: { 'api-access-token': SEED.tokens.agent } });
		expect(response.json.name).toBe('Agent Bob');
	});

	it.each([
		['AgentBot', SEED.tokens.agentBot],
		['PlatformApp', SEED.tokens.platformApp],
	])('%s token is rejected on /profile and on contact create', async (_label, token) => {
		const profile = await call(sim(), 'GET', '/api/v1/profile', { token });
		const create = await createContact(sim(), { name: 'x' }, token);
		for (const response of [profile, create]) {
			expect(response.status).toBe(401);
			expect(response.json).toEqual({ error: 'Access to this endpoint is not authorized for bots' });
		}
		expect(sim().contacts()).toHaveLength(0);
	});
});

describe('account resolution order', () => {
	it('admin token on an account-scoped GET is 200', async () => {
		expect((await call(sim(), 'GET', CONTACTS)).status).toBe(200);
	});

	it('a non-existent or non-numeric account is 404 Resource could not be found', async () => {
		for (const id of ['999', 'abc']) {
			const response = await call(sim(), 'GET', `/api/v1/accounts/${id}/contacts`);
			expect(response.status).toBe(404);
			expect(response.json).toEqual({ error: 'Resource could not be found' });
		}
	});

	it('a member-less account is 401 You are not authorized to access this account', async () => {
		const response = await createContact(sim(), { name: 'x' });
		expect(response.status).toBe(200);
		const other = await call(sim(), 'POST', `/api/v1/accounts/${SEED.accounts.other}/contacts`, { json: { name: 'x' } });
		expect(other.status).toBe(401);
		expect(other.json).toEqual({ error: 'You are not authorized to access this account' });
		expect(sim().contacts(SEED.accounts.other)).toHaveLength(0);
	});

	it('a suspended account is 401 Account is suspended, for members and non-members alike', async () => {
		const member = await call(sim(), 'GET', `/api/v1/accounts/${SEED.accounts.suspended}/contacts`);
		const nonMember = await call(sim(), 'GET', `/api/v1/accounts/${SEED.accounts.suspended}/contacts`, {
			token: SEED.tokens.agent,
		});
		for (const response of [member, nonMember]) {
			expect(response.status).toBe(401);
			expect(response.json).toEqual({ error: 'Account is suspended' });
		}
	});

	it('authentication is checked before the account: unknown token on an unknown account is 401', async () => {
		const response = await call(sim(), 'GET', '/api/v1/accounts/999/contacts', { token: 'nope' });
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ error: 'Invalid Access Token' });
	});

	it('an agent may create contacts (ContactPolicy#create? is true)', async () => {
		const response = await createContact(sim(), { name: 'By agent' }, SEED.tokens.agent);
		expect(response.status).toBe(200);
		expect(sim().contacts().map((contact) => contact.name)).toEqual(['By agent']);
	});
});

describe('routing', () => {
	it('an unknown route is a 404 JSON response', async () => {
		const response = await call(sim(), 'GET', '/api/v1/nothing-here');
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toContain('application/json');
		expect(response.json).toEqual({ status: 404, error: 'Not Found' });
	});
});
