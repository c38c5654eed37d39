/**
 * contacts_controller.rb: create, update, show and index (docs/chatwoot-behaviour.md, "Contact create",
 * "Contact update", "Contact show and list").
 */
import type { AccountScope } from './authentication';
import { planContactInbox, type ContactInboxPlan } from '../domain/contactInboxBuilder';
import { blankContact, enforceDatabaseConstraints, prepareContact } from '../domain/contactWrite';
import {
	castRecordId,
	currentPage,
	findContactOr404,
	includeContactInboxes,
	pageSlice,
	param,
	type HandlerContext,
} from './handlerContext';
import { permitContactParams, requestedAvatarUrl } from '../domain/contactParams';
import { renderContact } from '../views/contact';
import { renderInboxRecord } from '../views/inbox';
import { isResolved, sortContacts } from '../domain/contactQueries';
import { fail, jsonReply, replies, type Reply } from '../http/reply';
import { isBlank } from '../domain/ruby';
import { parseTagList } from '../domain/tagList';
import type { ParamValue } from '../http/rackParams';
import { findInbox } from '../domain/seed';
import type { ContactRecord } from '../domain/contactStore';

/** build_contact_inbox: `Current.account.inboxes.find(params[:inbox_id])` then ContactInboxBuilder. */
function planInboxLink(context: HandlerContext, scope: AccountScope, draft: ContactRecord): ContactInboxPlan | undefined {
	const inboxParam = param(context, 'inbox_id');
	if (inboxParam === undefined || isBlank(inboxParam)) return undefined;
	const inbox = findInbox(scope.account.id, castRecordId(inboxParam));
	if (!inbox) fail(replies.resourceNotFound());
	return planContactInbox(draft, inbox, param(context, 'source_id'), context.store);
}

function commitInboxLink(draft: ContactRecord, plan: ContactInboxPlan | undefined): void {
	if (!plan) return;
	if (plan.rekey) plan.rekey.ref.source_id = plan.rekey.newSourceId;
	if (plan.create) draft.contact_inboxes.push(plan.create);
}

/**
 * POST /contacts. Everything runs in one transaction: an inbox error (404/422/500) after the
 * contact passed validation still leaves nothing behind, except the consumed id sequence value.
 */
export function createContact(context: HandlerContext, scope: AccountScope): Reply {
	const { store } = context;
	const permitted = permitContactParams(context.params);
	const draft = prepareContact(blankContact(scope.account.id), permitted, 'create', store);
	draft.id = store.nextId();
	enforceDatabaseConstraints(draft, store);
	const plan = planInboxLink(context, scope, draft);
	const avatarUrl = requestedAvatarUrl(context.params);
	if (avatarUrl !== undefined) draft.avatar_url_requested = avatarUrl;

	commitInboxLink(draft, plan);
	store.insert(draft);
	context.onContactCreated();
	return jsonReply(200, {
		payload: {
			contact: renderContact(draft, context, true),
			contact_inbox: {
				inbox: plan ? renderInboxRecord(plan.inbox) : null,
				source_id: plan?.result.source_id ?? null,
			},
		},
	});
}

/** PATCH/PUT /contacts/:id: shallow merge of the hashes, every other sent field overwritten. */
export function updateContact(context: HandlerContext, scope: AccountScope): Reply {
	const { store } = context;
	const contact = findContactOr404(context, scope);
	const draft = prepareContact(contact, permitContactParams(context.params), 'update', store);
	enforceDatabaseConstraints(draft, store);
	const avatarUrl = requestedAvatarUrl(context.params);
	if (avatarUrl !== undefined) draft.avatar_url_requested = avatarUrl;
	Object.assign(contact, draft);
	if (!draft.avatar) delete contact.avatar;
	return jsonReply(200, { payload: renderContact(contact, context, includeContactInboxes(context)) });
}

export function showContact(context: HandlerContext, scope: AccountScope): Reply {
	const contact = findContactOr404(context, scope);
	return jsonReply(200, { payload: renderContact(contact, context, includeContactInboxes(context)) });
}

/** `tagged_with(params[:labels], any: true)`: any of the names, compared case-insensitively. */
function taggedWithAny(contact: ContactRecord, labels: ParamValue | undefined): boolean {
	const items = (Array.isArray(labels) ? labels : [labels]).filter((item) => typeof item === 'string' || typeof item === 'number');
	const wanted = new Set(parseTagList(items.map(String)).map((name) => name.toLowerCase()));
	return contact.labels.some((label) => wanted.has(label.toLowerCase()));
}

/** GET /contacts: resolved contacts only, 15 per page, meta.count is the total. */
export function listContacts(context: HandlerContext, scope: AccountScope): Reply {
	const labels = param(context, 'labels');
	const resolved = context.store
		.inAccount(scope.account.id)
		.filter((contact) => isResolved(contact) && (isBlank(labels) || taggedWithAny(contact, labels)));
	const sorted = sortContacts(resolved, param(context, 'sort'));
	const page = currentPage(context);
	const withInboxes = includeContactInboxes(context);
	return jsonReply(200, {
		meta: { count: sorted.length, current_page: page },
		payload: pageSlice(sorted, page).map((contact) => renderContact(contact, context, withInboxes)),
	});
}
