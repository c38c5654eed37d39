import type { AccountScope } from './authentication';
import type { HandlerContext } from './handlerContext';
import { jsonReply, type Reply } from '../http/reply';
import { renderLabel } from '../views/label';

/** GET /api/v1/accounts/:account_id/labels (labels_controller.rb#index): ordered by title. */
export function listLabels(context: HandlerContext, scope: AccountScope): Reply {
	return jsonReply(200, { payload: context.catalog.labels(scope.account.id).map(renderLabel) });
}
