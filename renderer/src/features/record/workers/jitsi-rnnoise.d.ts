/** The part of @jitsi/rnnoise-wasm's Emscripten module the noise reducer uses (the package has no types). */
declare module '@jitsi/rnnoise-wasm/dist/rnnoise-sync.js' {
  interface RnnoiseModule {
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    _rnnoise_create(model?: number): number;
    _rnnoise_destroy(state: number): void;
    /** Denoises one 480-sample frame (16-bit scale) from `input` into `output`; returns the frame's voice probability. */
    _rnnoise_process_frame(state: number, output: number, input: number): number;
  }
  export default function createRnnoiseModule(): Promise<RnnoiseModule>;
}
