// What the pointer does over a chart's first-paint picture (vega-chart.ts), handed on to the live view
// that replaces it: a click on the picture (a county of a map) is not lost but made again on the
// live view at the same place, and a pointer resting over the chart gets its tooltip there without
// having to move. Vega finds the mark under an event from the event's target (its SVG handler).

export interface PicturePointer {
  /** Makes the last click, or else the resting pointer's move, again on whatever is now under it in `node`. */
  replay(): void;
  stop(): void;
}

export function recordPicturePointer(node: HTMLElement): PicturePointer {
  let click: MouseEvent | null = null;
  let resting: PointerEvent | null = null;
  const onClick = (event: MouseEvent) => (click = event);
  const onMove = (event: PointerEvent) => (resting = event);
  const onLeave = () => (resting = null);
  node.addEventListener('click', onClick);
  node.addEventListener('pointermove', onMove);
  node.addEventListener('pointerleave', onLeave);
  const stop = () => {
    node.removeEventListener('click', onClick);
    node.removeEventListener('pointermove', onMove);
    node.removeEventListener('pointerleave', onLeave);
  };
  return {
    replay() {
      stop();
      const last = click ?? resting;
      if (!last) return;
      const target = document.elementFromPoint(last.clientX, last.clientY);
      if (!target || !node.contains(target)) return;
      const at = { bubbles: true, cancelable: true, clientX: last.clientX, clientY: last.clientY, view: window };
      target.dispatchEvent(click ? new MouseEvent('click', at) : new PointerEvent('pointermove', at));
    },
    stop,
  };
}
