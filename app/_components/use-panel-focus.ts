"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Keyboard habits of a side panel (a case, a building, a place on the map), which opens beside the
 * map rather than over it:
 * - when it opens, or shows another item (`item`), focus moves to its heading, so the next Tab
 *   reaches its own controls instead of the rest of the list it was opened from;
 * - Esc closes it;
 * - on closing, focus goes back to what opened it (the list's button), if that is still there.
 *
 * Put the returned ref on the panel; its first `h2` receives focus (made focusable here).
 * `focusHeading` brings focus back after an action removes the button that had it.
 */
export function usePanelFocus<T extends HTMLElement>(onClose: () => void, item: unknown) {
  const panel = useRef<T>(null);
  const opener = useRef<Element | null>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  const focusHeading = useCallback(() => {
    const heading = panel.current?.querySelector<HTMLElement>("h2");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, []);

  // Opened: remember the opener once, for as long as the panel stays open.
  useEffect(() => {
    opener.current = document.activeElement;
    return () => {
      // Only when the focus went with the panel (it is on the page's body now): a panel closed
      // because something else was clicked leaves the focus there.
      const lost = document.activeElement === null || document.activeElement === document.body;
      const back = opener.current;
      if (lost && back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    };
  }, []);

  useEffect(() => {
    focusHeading();
  }, [item, focusHeading]);

  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      e.preventDefault();
      close.current();
    };
    element.addEventListener("keydown", onKey);
    return () => element.removeEventListener("keydown", onKey);
  }, []);

  return { panel, focusHeading };
}

/**
 * A refusal shown in a panel takes the focus when it appears: the button pressed is disabled while
 * its request runs, which drops the focus to the page (and out of reach of the panel's Esc).
 * Put the ref on the message; make it focusable with tabIndex={-1}.
 */
export function useFocusOnMessage<T extends HTMLElement>(message: string | null) {
  const element = useRef<T>(null);
  useEffect(() => {
    if (message) element.current?.focus({ preventScroll: true });
  }, [message]);
  return element;
}
