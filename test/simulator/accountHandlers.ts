import { authenticateUser, type AccountScope } from './auth';
import type { HandlerContext } from './context';
import { renderInboxForIndex, renderProfile } from './render';
import { jsonReply, type Reply } from './reply';
import { INBOXES, type SeedInbox } from './seed';

/** GET /api/v1/profile: validates only the token (contacts-api.md §1.6). */
export function showProfile(context: HandlerContext): Reply {
	return jsonReply(200, renderProfile(authenticateUser(context.headers)));
}

/** InboxPolicy scope: administrators see every inbox, agents only the ones they belong to. */
function visibleInboxes(scope: AccountScope): SeedInbox[] {
	const inAccount = INBOXES.filter((inbox) => inbox.accountId === scope.account.id);
	if (scope.role === 'administrator') return inAccount;
	return inAccount.filter((inbox) => scope.user.inboxIds.includes(inbox.id));
}

/** GET /api/v1/accounts/:id/inboxes, ordered by lower(name) (§5.1). */
export function listInboxes(_context: HandlerContext, scope: AccountScope): Reply {
	const ordered = [...visibleInboxes(scope)].sort((a, b) => {
		const left = a.name.toLowerCase();
		const right = b.name.toLowerCase();
		return left < right ? -1 : left > right ? 1 : a.id - b.id;
	});
	return jsonReply(200, { payload: ordered.map((inbox) => renderInboxForIndex(inbox, scope.role)) });
}
