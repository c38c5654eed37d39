/**
 * The labels and custom attribute definitions of each account: the seed's, or what a test set
 * through the control API. `reset()` brings back the seed.
 */
import { CUSTOM_ATTRIBUTE_DEFINITIONS, LABELS } from './seed';
import type {
	CustomAttributeDefinition,
	CustomAttributeDefinitionInput,
	Label,
	LabelInput,
} from '../types';

const DEFAULT_LABEL_COLOR = '#1f93ff';

function byId<T extends { id: number }>(a: T, b: T): number {
	return a.id - b.id;
}

export class AccountCatalog {
	private labelRows: Label[] = [];
	private definitionRows: CustomAttributeDefinition[] = [];
	private lastLabelId = 0;
	private lastDefinitionId = 0;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.labelRows = LABELS.map((label) => ({ ...label }));
		this.definitionRows = CUSTOM_ATTRIBUTE_DEFINITIONS.map((definition) => structuredClone(definition));
		this.lastLabelId = Math.max(0, ...this.labelRows.map((label) => label.id));
		this.lastDefinitionId = Math.max(0, ...this.definitionRows.map((definition) => definition.id));
	}

	/** Label's before_validation downcases the title; the color column defaults to #1f93ff. */
	setLabels(accountId: number, labels: LabelInput[]): void {
		const created = labels.map((input) => ({
			id: ++this.lastLabelId,
			accountId,
			title: input.title.toLowerCase(),
			description: input.description ?? null,
			color: input.color ?? DEFAULT_LABEL_COLOR,
			show_on_sidebar: input.show_on_sidebar ?? null,
		}));
		this.labelRows = [...this.labelRows.filter((label) => label.accountId !== accountId), ...created];
	}

	setCustomAttributeDefinitions(accountId: number, definitions: CustomAttributeDefinitionInput[]): void {
		const now = new Date().toISOString();
		const created = definitions.map((input) => ({
			attribute_description: null,
			attribute_values: [],
			regex_pattern: null,
			regex_cue: null,
			default_value: null,
			...structuredClone(input),
			id: ++this.lastDefinitionId,
			accountId,
			created_at: now,
			updated_at: now,
		}));
		this.definitionRows = [...this.definitionRows.filter((row) => row.accountId !== accountId), ...created];
	}

	/** Label's default_scope orders by title. */
	labels(accountId?: number): Label[] {
		return this.labelRows
			.filter((label) => accountId === undefined || label.accountId === accountId)
			.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : a.id - b.id))
			.map((label) => ({ ...label }));
	}

	/** No ORDER BY in the controller; rows come back in insertion (id) order. */
	customAttributeDefinitions(accountId?: number): CustomAttributeDefinition[] {
		return this.definitionRows
			.filter((row) => accountId === undefined || row.accountId === accountId)
			.sort(byId)
			.map((row) => structuredClone(row));
	}
}
