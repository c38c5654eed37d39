import type { AccountScope } from './auth';
import type { HandlerContext } from './context';
import { jsonReply, type Reply } from './reply';

export function filterContacts(_context: HandlerContext, _scope: AccountScope): Reply {
	return jsonReply(200, { meta: { count: 0, current_page: 1 }, payload: [] });
}
