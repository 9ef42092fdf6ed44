import { describe, expect, it } from 'vitest';
import { sanitiseArticleBody, showsSomething } from '../../functions/src/lib/rich-text';

describe('article bodies: the safe rich-text subset', () => {
  it.each([
    ['<p>你好<script>alert(1)</script></p>', '<p>你好</p>'],
    ['<p onclick="x()" class="c" id="i">段落</p>', '<p>段落</p>'],
    ['<a href="javascript:alert(1)">链接</a>', '<p><a>链接</a></p>'],
    ['<a href=" JaVaScRiPt:alert(1)">链接</a>', '<p><a>链接</a></p>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">链接</a>', '<p><a>链接</a></p>'],
    ['<a href="https://www.acftu.org/" target="_blank">全总</a>', '<p><a href="https://www.acftu.org/">全总</a></p>'],
    ['<p style="background:url(https://t.example/p.gif)">样式</p>', '<p>样式</p>'],
    ['<img src="http://t.example/pixel.gif">', '<p></p>'],
    ['<img src="//t.example/pixel.gif">', '<p></p>'],
    ['<img src=x onerror=alert(1)>', '<p></p>'],
    ['<iframe src="https://evil.example"></iframe><p>后文</p>', '<p>后文</p>'],
    ['<svg><script>alert(1)</script></svg><p>后文</p>', '<p>后文</p>'],
    ['<style>p{background:url(x)}</style><p>后文</p>', '<p>后文</p>'],
    ['<p>a</p><!-- <script>x</script> -->', '<p>a</p>'],
    ['<h2>二</h2><h3>三</h3><h4>四</h4><h1>一</h1><h5>五</h5>', '<h2>二</h2><h3>三</h3><h4>四</h4>一五'],
    ['<ul><li>甲</li></ul><ol><li>乙</li></ol><blockquote>引</blockquote>', '<ul><li>甲</li></ul><ol><li>乙</li></ol><blockquote>引</blockquote>'],
  ])('%s → %s', (input, output) => {
    expect(sanitiseArticleBody(input)).toBe(output);
  });

  it('keeps https images with a fitting style of our own, never the author’s', () => {
    expect(sanitiseArticleBody('<p><img src="https://img.example/a.png" alt="图" style="position:fixed" width="1"></p>')).toBe(
      '<p><img src="https://img.example/a.png" alt="图" style="max-width:100%;height:auto;display:block;margin:8px 0" /></p>',
    );
  });

  it('turns plain text into paragraphs and line breaks, escaping a stray "<"', () => {
    expect(sanitiseArticleBody('第一段\n第二行\r\n\r\n第二段 <strong>加粗</strong> 1<3')).toBe('<p>第一段<br />第二行</p><p>第二段 <strong>加粗</strong> 1&lt;3</p>');
  });

  it('knows when nothing is left to show', () => {
    expect(showsSomething(sanitiseArticleBody('<script>alert(1)</script>'))).toBe(false);
    expect(showsSomething(sanitiseArticleBody('<p> </p><br>'))).toBe(false);
    expect(showsSomething(sanitiseArticleBody('<img src="https://img.example/a.png">'))).toBe(true);
    expect(showsSomething(sanitiseArticleBody('字'))).toBe(true);
  });
});
