import type { ICredentialsDecrypted, IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

export type ChatwootContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ChatwootRequest {
	method: IHttpRequestMethods;
	/** Path below the instance root, starting with /api/v1/. */
	path: string;
	qs?: IDataObject;
	/** A JSON object, or a ready multipart body with its `contentType`. */
	body?: IDataObject | Buffer;
	contentType?: string;
}

/** What Chatwoot sent back: nothing of the request (its token header) is kept. */
export interface ChatwootResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export interface ChatwootConnection {
	baseUrl: string;
	ignoreSslIssues: boolean;
	/**
	 * The credential as read once for the whole run. n8n's HTTP helper would otherwise load and
	 * decrypt it again for every request (a database read per item in a real n8n); it still applies
	 * the credential's `authenticate` headers to each request.
	 */
	credentials: ICredentialsDecrypted;
}
