// The API reference (Scalar) writes highlighted code as markup carrying a style attribute with its line count.
// The page's Content-Security-Policy refuses inline style attributes (no 'unsafe-inline'), so before the
// markup is parsed the count moves to data attributes and is then set through the style object, which the
// policy allows. Loaded on /api/docs/ only, before the library's own script.
(() => {
  const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  const lineCount = / style="--line-count: (\d+); --line-digits: (\d+);"/g;
  Object.defineProperty(Element.prototype, 'innerHTML', {
    configurable: true,
    enumerable: inner.enumerable,
    get: inner.get,
    set(html) {
      // The library hands over its markup as TrustedHTML where the browser has Trusted Types.
      const text = html == null ? '' : String(html);
      if (!text.includes('--line-count')) {
        inner.set.call(this, html);
        return;
      }
      inner.set.call(this, text.replace(lineCount, ' data-line-count="$1" data-line-digits="$2"'));
      for (const code of this.querySelectorAll('[data-line-count]')) {
        code.style.setProperty('--line-count', code.dataset.lineCount);
        code.style.setProperty('--line-digits', code.dataset.lineDigits);
      }
    },
  });
})();
