import type { Label } from '../types';

/** app/views/api/v1/accounts/labels/index.json.jbuilder, one row. */
export function renderLabel(label: Label): Record<string, unknown> {
	return {
		id: label.id,
		title: label.title,
		description: label.description,
		color: label.color,
		show_on_sidebar: label.show_on_sidebar,
	};
}
