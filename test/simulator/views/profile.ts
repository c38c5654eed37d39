/** app/views/api/v1/profiles/show.json.jbuilder -> _user + enterprise _account_user. */
import { findAccount, type SeedUser } from '../domain/seed';

export function renderProfile(user: SeedUser): Record<string, unknown> {
	const activeMembership = user.memberships[0];
	const role = activeMembership?.role ?? null;
	return {
		access_token: user.token,
		account_id: activeMembership?.accountId ?? null,
		available_name: user.name,
		avatar_url: '',
		confirmed: true,
		display_name: null,
		message_signature: null,
		email: user.email,
		id: user.id,
		inviter_id: null,
		name: user.name,
		provider: 'email',
		pubsub_token: user.pubsubToken,
		role,
		ui_settings: {},
		uid: user.email,
		type: user.type,
		accounts: user.memberships.map(({ accountId, role: accountRole }) => {
			const account = findAccount(accountId);
			return {
				id: accountId,
				name: account?.name ?? '',
				status: account?.status ?? 'active',
				active_at: '2026-02-13T10:00:00.000Z',
				role: accountRole,
				permissions: [accountRole],
				availability: 'online',
				availability_status: 'online',
				auto_offline: true,
				custom_role_id: null,
				custom_role: null,
			};
		}),
	};
}
