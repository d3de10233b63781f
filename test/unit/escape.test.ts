import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { escapeHtml, escapeMarkdown } from '../../src/core/text/escape';

describe('escaping untrusted text', () => {
  it('defuses Markdown command links, images and HTML', () => {
    const hostile = '[run](command:workbench.action.quit) ![x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const escaped = escapeMarkdown(hostile);
    assert.ok(!/(?<!\\)\]\(/u.test(escaped), escaped);
    assert.ok(!escaped.includes('<img'));
    assert.equal(escaped.includes('\\[run\\](command:workbench.action.quit)'), true);
  });

  it('keeps every escaped Markdown character preceded by a backslash', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeMarkdown(text);
        assert.ok(!/<[A-Za-z/!?]/u.test(escaped) && !escaped.includes('\n') && !escaped.includes('\r'));
        for (let i = 0; i < escaped.length; i++) {
          if ('[]`*~|$'.includes(escaped[i] as string)) assert.equal(escaped[i - 1], '\\', escaped);
        }
      }),
    );
  });

  it('escapes HTML metacharacters and quotes', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
