import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { labelProperties, readLabelsMode } from '../../../nodes/Chatwoot/actions/contact/labels';

describe('the label parameters shared by Create and Create or Update', () => {
	test('Create shows the label list alone; where a contact may exist, also whether to keep its labels', () => {
		expect(labelProperties({ existingContacts: false }).map((property) => property.name)).toEqual(['labels']);
		expect(labelProperties({ existingContacts: true }).map((property) => property.name)).toEqual(['labels', 'labelsMode']);
	});

	test('Existing Labels offers Keep and Add (the default) and Replace, sorted as n8n shows them', () => {
		const [, mode] = labelProperties({ existingContacts: true });
		const options = mode.options as INodePropertyOptions[];
		expect(options.map((option) => [option.name, option.value])).toEqual([
			['Keep and Add', 'add'],
			['Replace', 'replace'],
		]);
		expect(mode.default).toBe('add');
	});

	test.each([
		['replace', 'replace'],
		['add', 'add'],
		[undefined, 'add'],
		['anything else', 'add'],
	])('readLabelsMode reads %j as %j', (value, mode) => {
		const context = { getNodeParameter: (_name: string, _item: number, fallback: unknown) => value ?? fallback } as unknown as IExecuteFunctions;
		expect(readLabelsMode(context, 0)).toBe(mode);
	});
});
