/** Minimal HTTP client for the simulator's own tests (real requests over 127.0.0.1). */
import { SEED } from '../domain/seed';
import type { Simulator } from '../types';

export interface ApiResponse {
	status: number;
	headers: Headers;
	text: string;
	// Tests inspect arbitrary JSON shapes.
	json: any;
}

export interface CallOptions {
	/** Defaults to the admin token; null sends no token header. */
	token?: string | null;
	json?: unknown;
	body?: string | FormData | URLSearchParams;
	headers?: Record<string, string>;
}

export async function call(sim: Simulator, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
	const headers: Record<string, string> = { ...options.headers };
	const token = options.token === undefined ? SEED.tokens.admin : options.token;
	if (token !== null) headers.api_access_token = token;
	let body = options.body;
	if (options.json !== undefined) {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(options.json);
	}
	const response = await fetch(`${sim.url}${path}`, { method, headers, body });
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}

export const CONTACTS = `/api/v1/accounts/${SEED.accounts.main}/contacts`;

export function createContact(sim: Simulator, json: unknown, token?: string | null): Promise<ApiResponse> {
	return call(sim, 'POST', CONTACTS, { json, token });
}
