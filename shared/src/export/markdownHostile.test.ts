import { describe, expect, it } from 'vitest';
import { toMarkdown } from './markdown';

describe('Markdown export with hostile notes', () => {
  it('escapes HTML, keeps pipes inside cells and turns every line break (lone CR too) into <br>', () => {
    const md = toMarkdown({
      title: 'x<script>alert(1)</script>\rTitle',
      columns: [
        { key: 'a', header: 'No' },
        { key: 'b', header: '実施内容' },
      ],
      rows: [{ a: '5.1', b: '<img src=x onerror=alert(1)>|a\rb\r\nc\nd & e' }],
    } as never);
    expect(md).not.toMatch(/<img|<script/);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;\\|a<br>b<br>c<br>d &amp; e');
    expect(md.split('\n')[0]).toBe('## x&lt;script&gt;alert(1)&lt;/script&gt; Title');
    // One header, one rule, one row: the CR did not split the row.
    expect(md.split('\n').filter((line) => line.startsWith('|'))).toHaveLength(3);
    expect(md).not.toContain('\r');
  });
});
