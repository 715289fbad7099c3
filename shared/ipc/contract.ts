/**
 * The IPC contract: every channel the renderer can call and every event main can push, declared
 * once. The preload bridge, the main-process router and the test bridge are all derived from it.
 * To add a channel: declare it in a `routes/*.ts` file, spread it here, write its handler.
 */
import type { z } from 'zod';
import type { Result } from '../errors';
import { appEvents, appRoutes } from './routes/app';
import { catalogEvents, catalogRoutes } from './routes/catalog';
import { samplesRoutes } from './routes/samples';
import { settingsEvents, settingsRoutes } from './routes/settings';
import { synthesisEvents, synthesisRoutes } from './routes/synthesis';
import { updatesEvents, updatesRoutes } from './routes/updates';
import { CHANNEL_NAMES, EVENT_NAMES as LISTED_EVENT_NAMES } from './names';

export const contract = {
  ...appRoutes,
  ...settingsRoutes,
  ...samplesRoutes,
  ...synthesisRoutes,
  ...catalogRoutes,
  ...updatesRoutes,
};

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...synthesisEvents,
  ...catalogEvents,
  ...updatesEvents,
};

export type Contract = typeof contract;
export type Channel = keyof Contract & string;
/** What the renderer passes. */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What the handler receives after validation (defaults applied). */
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events & string;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export { IPC_EVENT_CHANNEL } from './names';

// The preload's zod-free lists (names.ts) must name the contract exactly: a channel or event added
// here but not listed there, or listed there but unknown here, stops the type check.
type Unlisted = Exclude<Channel, (typeof CHANNEL_NAMES)[number]> | Exclude<EventName, (typeof LISTED_EVENT_NAMES)[number]>;
type UnknownName = Exclude<(typeof CHANNEL_NAMES)[number], Channel> | Exclude<(typeof LISTED_EVENT_NAMES)[number], EventName>;
export const ALL_NAMES_LISTED: [Unlisted | UnknownName] extends [never] ? true : Unlisted | UnknownName = true;

/** Main-process implementation of every channel; `satisfies Handlers` catches a missing or mistyped one. */
export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

/** The handlers of one namespace's channels (`HandlersOf<'enroll'>`: every `enroll.*`), for a feature that serves them. */
export type HandlersOf<Namespace extends string> = Pick<Handlers, Extract<Channel, `${Namespace}.${string}`>>;

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
type Call<C extends Channel> = (
  ...args: undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]
) => Promise<Result<ChannelOutput<C>>>;

/** `window.timbre`: `timbre.app.info()`, `timbre.catalog.list({...})`, `timbre.on('app.online', fn)`. */
export type TimbreApi = {
  [N in Namespace<Channel>]: { [C in Channel as C extends `${N}.${infer M}` ? M : never]: Call<C> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
