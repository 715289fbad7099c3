// The stable test ids live in shared/ so the renderer and the tests use the same names.
export { enrollModelTestId, TEST_IDS } from '../../shared/testids';
