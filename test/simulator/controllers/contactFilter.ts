/** POST /contacts/filter (contacts_controller.rb#filter): resolved contacts only, 15 per page, total count. */
import type { AccountScope } from './authentication';
import { compileFilter, FilterError } from '../domain/filterService';
import { isResolved } from '../domain/contactQueries';
import { currentPage, includeContactInboxes, pageSlice, param, type HandlerContext } from './handlerContext';
import { renderContact } from '../views/contact';
import { jsonReply, replies, type Reply } from '../http/reply';
import type { ContactRecord } from '../domain/contactStore';

export function filterContacts(context: HandlerContext, scope: AccountScope): Reply {
	let matches: (contact: ContactRecord) => boolean;
	try {
		matches = compileFilter(param(context, 'payload'), context.catalog.customAttributeDefinitions(scope.account.id));
	} catch (error) {
		// The CustomFilter exceptions are rescued into render_could_not_create_error.
		if (error instanceof FilterError) return replies.unprocessable(error.message);
		throw error;
	}
	const contacts = context.store.inAccount(scope.account.id).filter((contact) => isResolved(contact) && matches(contact));
	const page = currentPage(context);
	const withInboxes = includeContactInboxes(context);
	return jsonReply(200, {
		meta: { count: contacts.length, current_page: page },
		payload: pageSlice(contacts, page).map((contact) => renderContact(contact, context, withInboxes)),
	});
}
