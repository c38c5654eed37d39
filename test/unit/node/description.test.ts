import type { IExecuteFunctions, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { ChatwootApi } from '../../../credentials/ChatwootApi.credentials';
import { Chatwoot } from '../../../nodes/Chatwoot/Chatwoot.node';
import { readRunOptions, runOptionsDescription } from '../../../nodes/Chatwoot/actions/runOptions';

const { properties } = new Chatwoot().description;

const isOption = (entry: unknown): entry is INodePropertyOptions =>
	typeof entry === 'object' && entry !== null && 'value' in entry && 'name' in entry;

/** Every property, including those inside collections, fixed collections and their groups. */
function allProperties(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((entry) => {
			if (isOption(entry)) return [];
			if ('values' in entry) return allProperties((entry as INodePropertyCollection).values);
			return allProperties([entry as INodeProperties]);
		});
		return [property, ...nested];
	});
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en');

describe('the node description', () => {
	const operationProperties = properties.filter((property) => property.name === 'operation');

	test('every resource has an operation list, and every operation an action and a description', () => {
		const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		expect(resources.length).toBeGreaterThan(0);
		for (const resource of resources) {
			const list = operationProperties.find((property) => property.displayOptions?.show?.resource?.includes(resource.value));
			expect(list).toBeDefined();
			for (const operation of (list!.options ?? []) as INodePropertyOptions[]) {
				expect(operation.action).toMatch(/^[A-Z]/);
				expect(operation.description).toMatch(/^[A-Z]/);
				const shown = properties.filter((property) => property.displayOptions?.show?.operation?.includes(operation.value));
				expect(shown.length).toBeGreaterThan(0);
			}
		}
	});

	test('collections list their options alphabetically, as n8n shows them', () => {
		for (const property of allProperties(properties).filter((candidate) => candidate.type === 'collection')) {
			const names = (property.options as INodeProperties[]).map((option) => option.displayName);
			expect(names).toEqual([...names].sort(byName));
		}
	});

	test('option lists are sorted by name, after a leading "None"', () => {
		for (const property of allProperties(properties).filter((candidate) => candidate.type === 'options' && candidate.options?.length)) {
			if (property.name === 'operation' || property.name === 'resource') continue;
			const names = (property.options as INodePropertyOptions[]).map((option) => option.name).filter((name) => name !== 'None');
			expect(names).toEqual([...names].sort(byName));
		}
	});

	test('every default is of the type its parameter shows', () => {
		const defaultType: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean', json: 'string', collection: 'object' };
		for (const property of allProperties(properties)) {
			const expected = defaultType[property.type];
			if (expected) expect([property.name, typeof property.default]).toEqual([property.name, expected]);
			if (property.type === 'options' && property.options?.length && property.default !== '') {
				expect((property.options as INodePropertyOptions[]).map((option) => option.value)).toContain(property.default);
			}
		}
	});

	test("the Options defaults shown in the editor are the values the node uses when an option is not set", () => {
		const shownDefaults = Object.fromEntries(
			(runOptionsDescription.options as INodeProperties[]).map((option) => [option.name, option.default]),
		);
		const contextWith = (options: object) => ({ getNodeParameter: () => options }) as unknown as IExecuteFunctions;
		expect(readRunOptions(contextWith(shownDefaults))).toEqual(readRunOptions(contextWith({})));
	});

	test('Account and Inbox are resource locators that start on "From List", with By URL and By ID, on every operation', () => {
		const { methods } = new Chatwoot();
		for (const name of ['accountId', 'inboxId']) {
			const locators = properties.filter((property) => property.name === name);
			expect(locators.length).toBeGreaterThan(0);
			for (const locator of locators) {
				expect(locator.type).toBe('resourceLocator');
				expect(locator.default).toEqual({ mode: 'list', value: '' });
				expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'url', 'id']);
				const list = locator.modes![0];
				expect(list.typeOptions?.searchable).toBe(true);
				expect(Object.keys(methods.listSearch)).toContain(list.typeOptions?.searchListMethod);
				const url = locator.modes![1];
				expect(url.extractValue).toEqual({ type: 'regex', regex: expect.any(String) });
			}
		}
	});

	test('what depends on the account is reloaded when its value changes', () => {
		const dependents = allProperties(properties).filter((property) => property.typeOptions?.loadOptionsDependsOn);
		expect(dependents.map((property) => property.name).sort()).toEqual(expect.arrayContaining(['customAttributesMapping', 'inboxId', 'labels']));
		for (const property of dependents) expect(property.typeOptions?.loadOptionsDependsOn).toEqual(['accountId.value']);
	});

	test('the API token is a password field', () => {
		const token = new ChatwootApi().properties.find((property) => property.name === 'accessToken');
		expect(token?.typeOptions?.password).toBe(true);
	});
});
