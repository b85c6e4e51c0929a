// Communiqué's search page, made live: results as you type, filters that apply at once, and a
// URL that always holds the whole search (history.pushState; back and forward re-render).
// The server renders every piece of HTML, for the first paint and for each update
// (/fragments/search, the same hono/jsx components, statement text escaped there): this
// script fetches those regions and swaps them in, and never builds markup from data itself.
// Without it the page still works as a plain GET form.
'use strict';

(() => {
  const form = document.getElementById('search-form');
  if (form) searchPage(form);
  else statementPage();

  /** `?p=7` without `#p7`: bring the matched paragraph into view, as the hash would. */
  function statementPage() {
    const matched = document.querySelector('[data-match]');
    if (matched && !location.hash) matched.scrollIntoView({ block: 'center' });
  }

  function searchPage(form) {
    const KEYS = ['q', 'country', 'group', 'talks', 'round', 'issuer', 'speaker', 'from', 'to', 'sort', 'page', 'perPage'];
    const DEFAULTS = { sort: 'relevance', page: '1' };
    const TYPING_DELAY_MS = 200;
    const box = form.elements.namedItem('q');
    const status = document.getElementById('status');
    const panel = document.getElementById('filters-panel');
    let timer = 0;
    let inflight = null;
    let lastChange = '';

    // On a phone the filters start folded under their summary; the server leaves them open.
    if (panel && window.matchMedia('(max-width: 55.99rem)').matches) panel.open = false;

    /** The canonical query string, in the server's key order (src/web/page-query.ts). */
    function canonical(params) {
      const out = new URLSearchParams();
      for (const key of KEYS) {
        for (const raw of params.getAll(key)) {
          const value = key === 'q' ? raw : raw.trim();
          if (!value.trim() || DEFAULTS[key] === value) continue;
          if (key !== 'q' && out.getAll(key).includes(value)) continue;
          out.append(key, value);
        }
      }
      return out.toString();
    }

    const formQuery = () => canonical(new URLSearchParams(new FormData(form)));
    const currentQuery = () => canonical(new URLSearchParams(location.search));
    const pageUrl = (query) => (query ? `/?${query}` : '/');

    /** Puts a URL's state into the controls the server does not re-render (box, sort, dates). */
    function syncForm(query) {
      const params = new URLSearchParams(query);
      for (const name of ['q', 'sort', 'from', 'to', 'perPage']) {
        const value = params.get(name) ?? (name === 'sort' ? 'relevance' : '');
        let control = form.elements.namedItem(name);
        // The server writes the hidden page size only when the URL has one.
        if (!control && name === 'perPage' && value) {
          control = Object.assign(document.createElement('input'), { type: 'hidden', name });
          form.append(control);
        }
        if (control && control.value !== value) control.value = value;
      }
    }

    /**
     * Navigates to a search. `typing` replaces the entry the same burst of typing pushed, so
     * back goes to the previous search, not to each prefix of the words typed.
     */
    function navigate(query, how) {
      if (query === currentQuery() && how !== 'pop') return;
      if (how === 'pop') {
        lastChange = '';
      } else {
        const replace = how === 'typing' && lastChange === 'typing';
        history[replace ? 'replaceState' : 'pushState'](null, '', pageUrl(query));
        lastChange = how;
      }
      void load(query, how);
    }

    function focusKey() {
      const el = document.activeElement;
      if (!(el instanceof HTMLInputElement) || el.type !== 'checkbox') return null;
      return { name: el.name, value: el.value };
    }

    async function load(query, how) {
      inflight?.abort();
      const controller = new AbortController();
      inflight = controller;
      const results = document.getElementById('results');
      results?.setAttribute('aria-busy', 'true');
      document.body.classList.add('is-loading');
      const focused = focusKey();
      try {
        const response = await fetch(`/fragments/search${query ? `?${query}` : ''}`, {
          signal: controller.signal,
          headers: { accept: 'text/html' },
        });
        const html = await response.text();
        if (controller !== inflight) return;
        swap(html, how);
        restoreFocus(focused, how);
      } catch (error) {
        if (error.name === 'AbortError') return;
        status.textContent = 'The server could not be reached; the results below are from the previous search.';
      } finally {
        if (controller === inflight) {
          inflight = null;
          document.body.classList.remove('is-loading');
          document.getElementById('results')?.removeAttribute('aria-busy');
        }
      }
    }

    /** Replaces each server-rendered region by its new version; the live region gets only text. */
    function swap(html, how) {
      const template = document.createElement('template');
      // Server-rendered by hono/jsx: every statement field is escaped there (see the file comment).
      template.innerHTML = html;
      const next = template.content.getElementById('results');
      const malformed = next?.dataset.problem === 'INVALID_QUERY';
      box.setAttribute('aria-invalid', String(malformed));
      status.textContent = next?.dataset.status ?? '';
      status.classList.toggle('is-problem', Boolean(next?.dataset.problem));
      // Half-typed ("unserious — the quote not closed yet): keep the last results, say why.
      if (malformed && how === 'typing') return;
      // A facet list the reader unfolded stays unfolded.
      for (const open of document.querySelectorAll('details.more[open]')) {
        template.content.querySelector(`details.more[data-facet="${CSS.escape(open.dataset.facet ?? '')}"]`)?.setAttribute('open', '');
      }
      for (const region of template.content.querySelectorAll('[data-region]')) {
        document.getElementById(region.id)?.replaceWith(region);
      }
      document.title = next?.dataset.title ?? document.title;
    }

    function restoreFocus(focused, how) {
      if (focused) {
        const selector = `input[type="checkbox"][name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]`;
        document.querySelector(selector)?.focus();
      } else if (how === 'pager') {
        document.getElementById('results-heading')?.focus();
        document.getElementById('main')?.scrollIntoView({ block: 'start' });
      }
    }

    box.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => navigate(formQuery(), 'typing'), TYPING_DELAY_MS);
    });

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      const invalid = [...form.elements].find((control) => control.willValidate && !control.checkValidity());
      if (invalid) return invalid.reportValidity();
      navigate(formQuery(), 'submit');
    });

    // Filters live outside the <form> element (form="search-form"), so listen on the document.
    document.addEventListener('change', (event) => {
      const control = event.target;
      if (control === box || !(control instanceof Element) || control.form !== form) return;
      if (control.willValidate && !control.checkValidity()) return void control.reportValidity();
      clearTimeout(timer);
      navigate(formQuery(), 'change');
    });

    // Histogram bars, filter chips and pages are ordinary links; followed here without a reload.
    document.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[data-nav]') : null;
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const query = canonical(new URL(link.href).searchParams);
      syncForm(query);
      navigate(query, link.hasAttribute('data-pager') ? 'pager' : 'link');
    });

    // Copy buttons: a link (data-copy) or the text of an element (data-copy-from).
    document.addEventListener('click', async (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-copy], button[data-copy-from]') : null;
      if (!button) return;
      const source = button.dataset.copyFrom ? document.getElementById(button.dataset.copyFrom) : null;
      const text = button.dataset.copy ?? source?.textContent ?? '';
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch {
        // No clipboard outside a secure context (plain http on another host): select it for Ctrl+C.
        if (source) getSelection()?.selectAllChildren(source);
        button.textContent = source ? 'Selected, press Ctrl+C' : 'Copy failed';
      }
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });

    window.addEventListener('popstate', () => {
      const query = currentQuery();
      syncForm(query);
      navigate(query, 'pop');
    });

    // "/" jumps to the search box from anywhere but a text field.
    document.addEventListener('keydown', (event) => {
      const target = event.target;
      const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        box.focus();
        box.select();
      }
    });
  }
})();
