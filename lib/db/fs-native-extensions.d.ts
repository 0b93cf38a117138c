// The part of fs-native-extensions (OS file locks; the package ships no types) that lib/db uses.
declare module "fs-native-extensions" {
  /** Try to take an exclusive (or shared) lock on an open file; false when another holder has it. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
