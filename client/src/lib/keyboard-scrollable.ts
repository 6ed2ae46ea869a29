// A Svelte action for a table's scrolling wrapper: while its content overflows (a wide table at 390 px,
// a long one in a fixed-height box) the wrapper is a named region in the tab order, so a keyboard user
// can focus it and scroll it with the arrow keys (WCAG 2.1.1; axe's "scrollable-region-focusable").
// When nothing overflows it is left out of the tab order: no stop that does nothing. The region is
// named by its table's caption.

/** Whether the element's content is wider or taller than its box. */
function overflows(node: HTMLElement): boolean {
  return node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1;
}

function update(node: HTMLElement): void {
  if (overflows(node)) {
    node.tabIndex = 0;
    node.setAttribute('role', 'region');
    const caption = node.querySelector('caption')?.textContent?.trim();
    if (caption) node.setAttribute('aria-label', caption);
  } else {
    node.removeAttribute('tabindex');
    node.removeAttribute('role');
    node.removeAttribute('aria-label');
  }
}

export function keyboardScrollable(node: HTMLElement): { destroy(): void } {
  // Measured only where the layout is already done: a resize observer's callbacks come after layout
  // (its first one as soon as the wrapper has a size: a wrapper without one overflows nothing), and a
  // change of content at most once a frame. Measuring at once, while a page renders its tables, made
  // the browser lay the page out again for each table.
  let frame = 0;
  const later = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      update(node);
    });
  };
  // The box changes with the window; the content with the rows (sorting, new data, a caption's text).
  const resized = new ResizeObserver(() => update(node));
  resized.observe(node);
  const table = node.firstElementChild;
  if (table) resized.observe(table);
  const changed = new MutationObserver(later);
  changed.observe(node, { childList: true, subtree: true, characterData: true });
  return {
    destroy() {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
    },
  };
}
