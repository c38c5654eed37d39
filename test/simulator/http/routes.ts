/** The subset of config/routes.rb the simulator serves. */
import { listInboxes } from '../controllers/inboxes';
import { showProfile } from '../controllers/profile';
import { createContact, listContacts, showContact, updateContact } from '../controllers/contacts';
import { accountScoped, type Handler } from '../controllers/handlerContext';
import { filterContacts } from '../controllers/contactFilter';
import { searchContacts } from '../controllers/contactSearch';
import { createContactInbox } from '../controllers/contactInboxes';
import { listContactLabels, replaceContactLabels } from '../controllers/contactLabels';
import { listCustomAttributeDefinitions } from '../controllers/customAttributeDefinitions';
import { listLabels } from '../controllers/labels';

export interface Route {
	methods: string[];
	pattern: RegExp;
	handler: Handler;
	/** POST /contacts: the only route where dropAfterRate applies. */
	isContactCreate?: boolean;
}

// Rails path segments stop at "/" and "."; an optional ".json" format suffix and trailing slash are accepted.
const SEGMENT = '([^/.]+)';
const END = '(?:\\.json)?/?$';
const ACCOUNT = `^/api/v1/accounts/${SEGMENT}`;

function route(methods: string[], path: string, names: string[], handler: Handler, isContactCreate = false): Route & { names: string[] } {
	return { methods, pattern: new RegExp(path + END), handler, names, isContactCreate };
}

const ROUTES = [
	route(['GET'], '^/api/v1/profile', [], showProfile),
	route(['GET'], `${ACCOUNT}/inboxes`, ['accountId'], accountScoped(listInboxes)),
	route(['GET'], `${ACCOUNT}/contacts/search`, ['accountId'], accountScoped(searchContacts)),
	route(['POST'], `${ACCOUNT}/contacts/filter`, ['accountId'], accountScoped(filterContacts)),
	route(['GET'], `${ACCOUNT}/contacts`, ['accountId'], accountScoped(listContacts)),
	route(['POST'], `${ACCOUNT}/contacts`, ['accountId'], accountScoped(createContact), true),
	route(['GET'], `${ACCOUNT}/contacts/${SEGMENT}`, ['accountId', 'contactId'], accountScoped(showContact)),
	route(['PATCH', 'PUT'], `${ACCOUNT}/contacts/${SEGMENT}`, ['accountId', 'contactId'], accountScoped(updateContact)),
	route(['POST'], `${ACCOUNT}/contacts/${SEGMENT}/contact_inboxes`, ['accountId', 'contactId'], accountScoped(createContactInbox)),
	route(['GET'], `${ACCOUNT}/contacts/${SEGMENT}/labels`, ['accountId', 'contactId'], accountScoped(listContactLabels)),
	route(['POST'], `${ACCOUNT}/contacts/${SEGMENT}/labels`, ['accountId', 'contactId'], accountScoped(replaceContactLabels)),
	route(['GET'], `${ACCOUNT}/labels`, ['accountId'], accountScoped(listLabels)),
	route(['GET'], `${ACCOUNT}/custom_attribute_definitions`, ['accountId'], accountScoped(listCustomAttributeDefinitions)),
];

export interface RouteMatch {
	route: Route;
	pathParams: Record<string, string>;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export function matchRoute(method: string, path: string): RouteMatch | undefined {
	for (const candidate of ROUTES) {
		if (!candidate.methods.includes(method)) continue;
		const match = candidate.pattern.exec(path);
		if (!match) continue;
		const pathParams: Record<string, string> = {};
		candidate.names.forEach((name, index) => (pathParams[name] = decodeSegment(match[index + 1])));
		return { route: candidate, pathParams };
	}
	return undefined;
}
