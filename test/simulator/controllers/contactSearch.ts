/**
 * GET /contacts/search (contacts_controller.rb#search): every contact of the account, name /
 * email / phone matched with ILIKE and identifier with case-sensitive LIKE on `%q.strip%`, user
 * wildcards left active, 15 per page, `has_more` instead of a total.
 */
import type { AccountScope } from './authentication';
import { sortContacts } from '../domain/contactQueries';
import { currentPage, includeContactInboxes, pageSlice, param, RESULTS_PER_PAGE, type HandlerContext } from './handlerContext';
import { renderContact } from '../views/contact';
import { fail, jsonReply, replies, type Reply } from '../http/reply';
import { isBlank } from '../domain/ruby';
import { LikePatternError, likeToRegExp } from '../domain/sqlLike';
import type { ContactRecord } from '../domain/contactStore';

function matcher(query: string): (contact: ContactRecord) => boolean {
	const pattern = `%${query.trim()}%`;
	try {
		const insensitive = likeToRegExp(pattern, true);
		const sensitive = likeToRegExp(pattern, false);
		return (contact) =>
			[contact.name, contact.email, contact.phone_number].some((value) => value !== null && insensitive.test(value)) ||
			(contact.identifier !== null && sensitive.test(contact.identifier));
	} catch (error) {
		if (error instanceof LikePatternError) fail(replies.internalError());
		throw error;
	}
}

export function searchContacts(context: HandlerContext, scope: AccountScope): Reply {
	const query = param(context, 'q');
	const page = currentPage(context);
	// `render ... status: 422 if params[:q].blank? && return` returns before rendering, so the
	// template renders with nil data instead of the 422.
	if (isBlank(query)) {
		return jsonReply(200, { meta: { count: null, current_page: page, has_more: null }, payload: [] });
	}
	// `q.strip` on a hash or an array raises NoMethodError.
	if (typeof query !== 'string') fail(replies.internalError());
	const matches = sortContacts(context.store.inAccount(scope.account.id).filter(matcher(query)), param(context, 'sort'));
	const pageWithLookahead = pageSlice(matches, page, RESULTS_PER_PAGE, 1);
	const rows = pageWithLookahead.slice(0, RESULTS_PER_PAGE);
	const withInboxes = includeContactInboxes(context);
	return jsonReply(200, {
		meta: { count: rows.length, current_page: page, has_more: pageWithLookahead.length > RESULTS_PER_PAGE },
		payload: rows.map((contact) => renderContact(contact, context, withInboxes)),
	});
}
