import type { AccountScope } from './authentication';
import type { HandlerContext } from './handlerContext';
import { jsonReply, type Reply } from '../http/reply';
import { INBOXES, type SeedInbox } from '../domain/seed';
import { renderInboxForIndex } from '../views/inbox';

/** InboxPolicy scope: administrators see every inbox, agents only the ones they belong to. */
export function visibleInboxes(scope: AccountScope): SeedInbox[] {
	const inAccount = INBOXES.filter((inbox) => inbox.accountId === scope.account.id);
	if (scope.role === 'administrator') return inAccount;
	return inAccount.filter((inbox) => scope.user.inboxIds.includes(inbox.id));
}

/** GET /api/v1/accounts/:id/inboxes (inboxes_controller.rb#index), ordered by lower(name). */
export function listInboxes(_context: HandlerContext, scope: AccountScope): Reply {
	const ordered = [...visibleInboxes(scope)].sort((a, b) => {
		const left = a.name.toLowerCase();
		const right = b.name.toLowerCase();
		return left < right ? -1 : left > right ? 1 : a.id - b.id;
	});
	return jsonReply(200, { payload: ordered.map((inbox) => renderInboxForIndex(inbox, scope.role)) });
}
