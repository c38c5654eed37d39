/**
 * GET and POST /api/v1/accounts/:account_id/contacts/:contact_id/labels
 * (app/controllers/api/v1/accounts/contacts/labels_controller.rb with LabelConcern). POST replaces
 * the whole list with `params.permit(labels: [])`: a missing or non-array `labels` clears it. The
 * names are not checked against the account's labels.
 */
import type { AccountScope } from './authentication';
import { findContactOr404, param, type HandlerContext } from './handlerContext';
import { parseTagList } from '../domain/tagList';
import { jsonReply, type Reply } from '../http/reply';
import { isParamHash, UploadedFile, type ParamValue } from '../http/rackParams';

/** `permit(labels: [])` keeps an array of scalars only; anything else is dropped (nil). */
function permittedLabels(value: ParamValue | undefined): string[] {
	if (!Array.isArray(value)) return [];
	if (value.some((item) => Array.isArray(item) || isParamHash(item))) return [];
	return value.map((item) => (item instanceof UploadedFile ? '#<ActionDispatch::Http::UploadedFile>' : String(item)));
}

export function listContactLabels(context: HandlerContext, scope: AccountScope): Reply {
	const contact = findContactOr404(context, scope);
	return jsonReply(200, { payload: contact.labels });
}

/** Answers the list as assigned; the stored names take the spelling of existing tags. */
export function replaceContactLabels(context: HandlerContext, scope: AccountScope): Reply {
	const contact = findContactOr404(context, scope);
	const labels = parseTagList(permittedLabels(param(context, 'labels')));
	contact.labels = labels.map((name) => context.store.tags.findOrCreate(name));
	return jsonReply(200, { payload: labels });
}
