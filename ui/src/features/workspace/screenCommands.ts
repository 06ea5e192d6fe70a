// What the palette, a shortcut or the Go menu asks of the trackers screen. The workspace sends; the
// screen of the company on show handles. A command for another company waits until that company's
// screen is up (the palette's "open this tracker" after it switched companies).

export type ScreenCommand =
  | { kind: 'newSource' | 'newSession' | 'find' | 'refresh' | 'dni' }
  | { kind: 'open'; id: string };

type Handler = (command: ScreenCommand) => void;

export interface ScreenCommands {
  /** To the screen on show now (dropped when there is none). */
  send: (command: ScreenCommand) => void;
  /** To the next screen that comes up: the company is changing. */
  sendToNext: (command: ScreenCommand) => void;
  /** The screen on show handles commands until the returned function is called. */
  subscribe: (handler: Handler) => () => void;
}

export function screenCommands(): ScreenCommands {
  let handler: Handler | null = null;
  let waiting: ScreenCommand | null = null;
  return {
    send: (command) => handler?.(command),
    sendToNext: (command) => {
      handler = null;
      waiting = command;
    },
    subscribe: (h) => {
      handler = h;
      const first = waiting;
      waiting = null;
      if (first) h(first);
      return () => {
        if (handler === h) handler = null;
      };
    },
  };
}
