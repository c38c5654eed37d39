import { authenticateUser } from './authentication';
import type { HandlerContext } from './handlerContext';
import { jsonReply, type Reply } from '../http/reply';
import { renderProfile } from '../views/profile';

/** GET /api/v1/profile (profiles_controller.rb): validates only the token, no account needed. */
export function showProfile(context: HandlerContext): Reply {
	return jsonReply(200, renderProfile(authenticateUser(context.headers)));
}
