/// <reference types="vite/client" />

interface Window {
  /** Read by the end-to-end run: how long the last client-side filter of the trackers table took. */
  __trackerDesk?: { lastFilterMs?: number; rowCount?: number };
}
