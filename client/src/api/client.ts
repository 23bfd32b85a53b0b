import type {
  ApiError,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  JoinRequest,
  JoinResponse,
  LockRequest,
  ScenarioSummary,
  TokenResponse,
  WorkshopInfo,
  WorkshopListResponse,
} from '@isms/shared';

/**
 * The HTTP API client, typed with the contract in @isms/shared (protocol/api.ts). Every
 * failure becomes an ApiFailure with the HTTP status and the server's error code, so screens
 * translate it instead of showing a raw message.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Status 0 marks "the request never reached the server" (offline, DNS, CORS). */
export const NETWORK_FAILURE_STATUS = 0;

async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiFailure(NETWORK_FAILURE_STATUS, 'network', String(error));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiError | null)?.error;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiFailure(
      response.status,
      error?.code ?? `http-${response.status}`,
      error?.message ?? response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  return payload as T;
}

export const api = {
  join: (body: JoinRequest) => request<JoinResponse>('POST', '/api/join', { body }),
  time: () => request<{ now: number }>('GET', '/api/time'),
  scenarios: () => request<{ scenarios: ScenarioSummary[] }>('GET', '/api/scenarios'),
  createWorkshop: (token: string, body: CreateWorkshopRequest) =>
    request<CreateWorkshopResponse>('POST', '/api/workshops', { body, token }),
  listWorkshops: (token: string) =>
    request<WorkshopListResponse>('GET', '/api/workshops', { token }),
  /** The scenario the workshop was created from (any token of the workshop). */
  scenario: (token: string, workshopId: string) =>
    request<unknown>('GET', `/api/workshops/${encodeURIComponent(workshopId)}/scenario`, { token }),
  workshop: (token: string, workshopId: string) =>
    request<WorkshopInfo>('GET', `/api/workshops/${encodeURIComponent(workshopId)}`, { token }),
  instructorToken: (token: string, workshopId: string) =>
    request<TokenResponse>(
      'POST',
      `/api/workshops/${encodeURIComponent(workshopId)}/instructor-token`,
      { token },
    ),
  /** Ready check: the group marks itself 「完了」 or takes it back. */
  done: (token: string, workshopId: string, groupId: string, done: boolean) =>
    request<{ done: boolean }>(
      'POST',
      `/api/workshops/${encodeURIComponent(workshopId)}/groups/${encodeURIComponent(groupId)}/done`,
      { body: { done }, token },
    ),
  phase: (token: string, workshopId: string, phaseIndex: number) =>
    request<WorkshopInfo>('POST', `/api/workshops/${encodeURIComponent(workshopId)}/phase`, {
      body: { phaseIndex },
      token,
    }),
  settings: (token: string, workshopId: string, takeHome: boolean) =>
    request<WorkshopInfo>('POST', `/api/workshops/${encodeURIComponent(workshopId)}/settings`, {
      body: { takeHome },
      token,
    }),
  lock: (token: string, workshopId: string, body: LockRequest) =>
    request<WorkshopInfo>('POST', `/api/workshops/${encodeURIComponent(workshopId)}/lock`, {
      body,
      token,
    }),
};

/** A group's own take-home document (the token goes in the query: it is a download link). */
export function takeHomeUrl(
  session: { workshopId: string; groupId: string; token: string },
  file: `${'security-standard' | 'soa'}.${'xlsx' | 'csv' | 'md'}`,
  lang: string,
): string {
  const query = new URLSearchParams({ lang, token: session.token });
  return `/api/workshops/${encodeURIComponent(session.workshopId)}/groups/${encodeURIComponent(session.groupId)}/export/${file}?${query.toString()}`;
}
