"use client";

import { createContext, useContext } from "react";

/**
 * True once the map has painted the view's first data. What is below the map's data — charts,
 * tables, case and work lists — waits for it before fetching, so that on a small server their
 * queries do not queue in front of the ones the first screen is waiting for (the boundaries,
 * tiles and the overlay's analysis). Outside a dashboard (a details card, the field app) there is
 * nothing to wait for: the default is true.
 */
const FirstScreenContext = createContext(true);

export const FirstScreenProvider = FirstScreenContext.Provider;

export function useFirstScreenPainted(): boolean {
  return useContext(FirstScreenContext);
}
