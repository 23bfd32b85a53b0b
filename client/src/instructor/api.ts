import {
  type ApiError,
  type CreateWorkshopResponse,
  type ExportFormat,
  type ExportKind,
  type GroupInfo,
  type HistoryListResponse,
  type HistoryVersionResponse,
  type RestoreRequest,
  type RestoreResponse,
  type TokenResponse,
  type WorkshopInfo,
} from '@isms/shared';
import { ApiFailure, NETWORK_FAILURE_STATUS } from '../api/client';

/**
 * The instructor's calls of the HTTP API (protocol/api.ts) that the participant client does
 * not need. Failures are the same ApiFailure the shared client throws.
 */
async function call<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  token: string,
  body?: unknown,
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiFailure(NETWORK_FAILURE_STATUS, 'network', String(error));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as ApiError | null)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `http-${response.status}`,
      error?.message ?? '',
    );
  }
  return payload as T;
}

const ws = (id: string) => `/api/workshops/${encodeURIComponent(id)}`;
const history = (id: string, groupId: string) =>
  `${ws(id)}/groups/${encodeURIComponent(groupId)}/history`;

export const instructorApi = {
  viewerToken: (token: string, id: string) =>
    call<TokenResponse>('POST', `${ws(id)}/viewer-token`, token),
  rotateCode: (token: string, id: string, groupId: string) =>
    call<GroupInfo>('POST', `${ws(id)}/groups/${encodeURIComponent(groupId)}/rotate-code`, token),
  setStatus: (token: string, id: string, status: WorkshopInfo['status']) =>
    call<WorkshopInfo>('POST', `${ws(id)}/status`, token, { status }),
  remove: (organiserKey: string, id: string) => call<void>('DELETE', ws(id), organiserKey),
  versions: (token: string, id: string, groupId: string) =>
    call<HistoryListResponse>('GET', history(id, groupId), token),
  version: (token: string, id: string, groupId: string, versionId: number) =>
    call<HistoryVersionResponse>('GET', `${history(id, groupId)}/${versionId}`, token),
  restoreVersion: (
    token: string,
    id: string,
    groupId: string,
    versionId: number,
    scope: RestoreRequest['scope'],
  ) =>
    call<RestoreResponse>('POST', `${history(id, groupId)}/${versionId}/restore`, token, {
      scope,
    }),
  restore: (organiserKey: string, backup: unknown) =>
    call<CreateWorkshopResponse>('POST', '/api/workshops/restore', organiserKey, backup),
};

/** A download link: downloads accept the token in the query string (protocol/api.ts). */
export function exportUrl(
  workshopId: string,
  token: string,
  kind: ExportKind,
  format: ExportFormat,
  options: { groupId?: string | null; lang: string },
): string {
  const query = new URLSearchParams({ lang: options.lang, token });
  if (options.groupId) query.set('group', options.groupId);
  return `${ws(workshopId)}/export/${kind}.${format}?${query.toString()}`;
}
