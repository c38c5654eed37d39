/**
 * Authentication and account resolution in Chatwoot's order (docs/chatwoot-behaviour.md,
 * "Authentication" and "Accounts and roles"):
 * token (401) -> bot check (401) -> account exists (404) -> suspended (401) -> membership (401).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { fail, replies } from '../http/reply';
import { rubyToI, isPresent } from '../domain/ruby';
import { findAccount, findTokenOwner, type Role, type SeedAccount, type SeedUser } from '../domain/seed';

export interface AccountScope {
	user: SeedUser;
	account: SeedAccount;
	role: Role;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Rack exposes both `api_access_token` and `api-access-token` as HTTP_API_ACCESS_TOKEN; Puma keeps
 * the dash spelling when both are sent. A blank value counts as absent.
 */
export function accessTokenFrom(headers: IncomingHttpHeaders): string | undefined {
	const token = headerValue(headers, 'api-access-token') ?? headerValue(headers, 'api_access_token');
	return isPresent(token) ? token : undefined;
}

/** app/controllers/api/base_controller.rb + access_token_auth_helper.rb. */
export function authenticateUser(headers: IncomingHttpHeaders): SeedUser {
	const token = accessTokenFrom(headers);
	// Without the header devise_token_auth takes over, and it never accepts a plain Bearer token.
	if (token === undefined) fail(replies.deviseUnauthenticated());
	const owner = findTokenOwner(token);
	if (!owner) fail(replies.unauthorized('Invalid Access Token'));
	// Contacts endpoints and /profile are not in BOT_ACCESSIBLE_ENDPOINTS.
	if (owner.kind !== 'user') fail(replies.unauthorized('Access to this endpoint is not authorized for bots'));
	return owner;
}

/** ensure_current_account_helper.rb; `account_id` is cast like ActiveRecord casts ids. */
export function resolveAccount(user: SeedUser, rawAccountId: string): AccountScope {
	const account = findAccount(rubyToI(rawAccountId));
	if (!account) fail(replies.resourceNotFound());
	if (account.status !== 'active') fail(replies.unauthorized('Account is suspended'));
	const membership = user.memberships.find((candidate) => candidate.accountId === account.id);
	if (!membership) fail(replies.unauthorized('You are not authorized to access this account'));
	return { user, account, role: membership.role };
}
