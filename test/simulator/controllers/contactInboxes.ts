/**
 * POST /api/v1/accounts/:account_id/contacts/:contact_id/contact_inboxes
 * (app/controllers/api/v1/accounts/contacts/contact_inboxes_controller.rb): find the contact (404),
 * find the inbox (404), InboxPolicy#show? (401 for an agent outside the inbox), then
 * ContactInboxBuilder with the given source_id or one generated for the channel.
 */
import type { AccountScope } from './authentication';
import { castRecordId, findContactOr404, param, type HandlerContext } from './handlerContext';
import { visibleInboxes } from './inboxes';
import { planContactInbox } from '../domain/contactInboxBuilder';
import { findInbox } from '../domain/seed';
import { fail, jsonReply, replies, type Reply } from '../http/reply';
import type { ParamValue } from '../http/rackParams';
import { renderContactInbox } from '../views/contact';

const FALSE_VALUES = new Set<unknown>([false, 0, '0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);

/** HmacConcern#hmac_verified?: `ActiveModel::Type::Boolean.new.cast(params[:hmac_verified]).present?`. */
function hmacVerified(value: ParamValue | undefined): boolean {
	if (value === undefined || value === null || value === '') return false;
	return !FALSE_VALUES.has(value);
}

export function createContactInbox(context: HandlerContext, scope: AccountScope): Reply {
	const contact = findContactOr404(context, scope);
	const inboxParam = param(context, 'inbox_id');
	const inbox = inboxParam === undefined ? undefined : findInbox(scope.account.id, castRecordId(inboxParam));
	if (!inbox) fail(replies.resourceNotFound());
	if (!visibleInboxes(scope).some((visible) => visible.id === inbox.id)) {
		fail(replies.unauthorized('You are not authorized to do this action'));
	}
	const plan = planContactInbox(contact, inbox, param(context, 'source_id'), context.store);
	// A blank source id creates nothing and the view then fails on the missing record.
	if (!plan) fail(replies.internalError());
	if (plan.rekey) plan.rekey.ref.source_id = plan.rekey.newSourceId;
	if (plan.create) {
		if (hmacVerified(param(context, 'hmac_verified'))) plan.create.hmac_verified = true;
		contact.contact_inboxes.push(plan.create);
	}
	return jsonReply(200, renderContactInbox(plan.result));
}
