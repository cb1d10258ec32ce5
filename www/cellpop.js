// The cell popover: a cell's details beside the cell, on screen. Anchored below the cell (above
// when there is no room below, clamped to the viewport's sides); a bottom sheet on narrow screens.
// A non-modal dialog in the top layer (so no scrolling pane clips it): Esc and its close button
// close it and give the focus back to the cell; a click elsewhere closes it.

import { h, clear } from './dom.js';

/** Below this viewport width the popover is a bottom sheet. */
const SHEET_BELOW_PX = 640;
const GAP = 6;
const MARGIN = 8;

let serial = 0;

export class CellPopover {
  /** @param {Node} host where the popover element lives (document.body, or a shadow root's container) */
  constructor(host) {
    const titleId = `cell-pop-title-${++serial}`;
    this.title = h('h2', { id: titleId, class: 'cell-pop-title' });
    this.closeBtn = h('button', { type: 'button', class: 'cell-pop-close', 'aria-label': '关闭单元格详情', onclick: () => this.close() }, '关闭');
    this.body = h('div', { class: 'cell-pop-body' });
    this.el = h('div', {
      class: 'cell-pop',
      role: 'dialog',
      'aria-labelledby': titleId,
      tabindex: '-1',
      hidden: true,
    }, h('div', { class: 'cell-pop-head' }, this.title, this.closeBtn), this.body);
    this.topLayer = typeof this.el.showPopover === 'function';
    if (this.topLayer) this.el.setAttribute('popover', 'manual');
    host.append(this.el);
    this.anchor = null;
    this._reposition = () => this.place();
    this._onKey = (e) => {
      if (e.key === 'Escape' && this.isOpen) {
        e.preventDefault();
        e.stopPropagation();
        this.close();
      }
    };
    this._onClickAway = (e) => {
      if (!this.isOpen) return;
      const path = e.composedPath();
      if (path.includes(this.el) || path.includes(this.anchor)) return;
      this.close(false);
    };
  }

  get isOpen() {
    return !this.el.hidden;
  }

  /**
   * Shows `content` (nodes) titled `title` beside `anchor` (a table cell); `anchor` null or off
   * screen: as a sheet. `focus`: move the focus into the popover (keyboard use); `reveal`: scroll
   * the page so that a sheet does not cover the cell.
   */
  open(anchor, title, content, { focus = true, reveal = false } = {}) {
    this.anchor = anchor;
    this.title.textContent = title;
    clear(this.body).append(...content.filter(Boolean));
    if (!this.isOpen) {
      this.el.hidden = false;
      if (this.topLayer) this.el.showPopover();
      const doc = this.el.ownerDocument;
      doc.addEventListener('keydown', this._onKey, true);
      // A click, not a pointerdown: a finger scrolling the page behind a sheet does not close it.
      doc.addEventListener('click', this._onClickAway, true);
      addEventListener('scroll', this._reposition, { capture: true, passive: true });
      addEventListener('resize', this._reposition, { passive: true });
    }
    this.el.scrollTop = 0;
    this.place();
    // A sheet over the cell that was tapped: the page moves up so the cell shows above the sheet.
    if (reveal && anchor && this.el.dataset.placement === 'sheet') {
      const r = anchor.getBoundingClientRect();
      const sheetTop = this.el.getBoundingClientRect().top;
      if (r.top >= 0 && r.bottom > sheetTop - GAP) scrollBy({ top: Math.min(r.bottom - sheetTop + GAP, r.top - MARGIN), behavior: 'instant' });
    }
    if (focus) this.el.focus({ preventScroll: true });
  }

  /** Closes; the focus goes back to the cell when it was in the popover (or `refocus`). */
  close(refocus = true) {
    if (!this.isOpen) return;
    const root = this.el.getRootNode();
    const hadFocus = this.el.contains(root.activeElement);
    if (this.topLayer) this.el.hidePopover();
    this.el.hidden = true;
    const doc = this.el.ownerDocument;
    doc.removeEventListener('keydown', this._onKey, true);
    doc.removeEventListener('click', this._onClickAway, true);
    removeEventListener('scroll', this._reposition, { capture: true });
    removeEventListener('resize', this._reposition);
    const anchor = this.anchor;
    this.anchor = null;
    if (refocus && (hadFocus || refocus === 'always') && anchor?.isConnected) anchor.focus({ preventScroll: true });
  }

  /** Places the popover beside its cell, inside the viewport; or as a bottom sheet. */
  place() {
    if (!this.isOpen) return;
    const el = this.el;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const r = this.anchor?.isConnected ? this.anchor.getBoundingClientRect() : null;
    const onScreen = r && r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw && (r.width || r.height);
    const sheet = vw < SHEET_BELOW_PX || !onScreen;
    el.classList.toggle('sheet', sheet);
    if (sheet) {
      el.style.left = el.style.top = '';
      el.dataset.placement = 'sheet';
      return;
    }
    const w = el.offsetWidth;
    const hgt = el.offsetHeight;
    let top = r.bottom + GAP;
    let placement = 'below';
    if (top + hgt > vh - MARGIN) {
      if (r.top - GAP - hgt >= MARGIN) {
        top = r.top - GAP - hgt;
        placement = 'above';
      } else {
        // No room above or below: beside the cell, as high as fits.
        top = Math.max(MARGIN, Math.min(r.top, vh - MARGIN - hgt));
        placement = 'side';
      }
    }
    let left = placement === 'side' ? (r.right + GAP + w <= vw - MARGIN ? r.right + GAP : r.left - GAP - w) : r.left;
    left = Math.max(MARGIN, Math.min(left, vw - MARGIN - w));
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(top)}px`;
    el.dataset.placement = placement;
  }
}
