import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('extracts parameters', () => {
    expect(matchPath('/board/:workshopId/:groupId', '/board/w1/g2')).toEqual({
      workshopId: 'w1',
      groupId: 'g2',
    });
  });
  it('rejects other shapes', () => {
    expect(matchPath('/board/:workshopId/:groupId', '/board/w1')).toBeNull();
    expect(matchPath('/join/:code', '/board/x')).toBeNull();
  });
  it('decodes and tolerates a trailing slash', () => {
    expect(matchPath('/join/:code', '/join/AB%20CD/')).toEqual({ code: 'AB CD' });
  });
  it('refuses malformed escapes instead of throwing', () => {
    expect(matchPath('/join/:code', '/join/%E0%A4%A')).toBeNull();
  });
});
