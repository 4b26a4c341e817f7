// BSD flock() for Node, through koffi (a Node-API FFI, so no rebuild for
// Electron). Codex locks auth.json with flock on Linux and macOS and with
// LockFileEx on Windows; fcntl-based locks would not exclude it on Linux.

import type Koffi from 'koffi';

const LOCK_EX = 2;
const LOCK_NB = 4;
const LOCK_UN = 8;

const LOCKFILE_FAIL_IMMEDIATELY = 0x1;
const LOCKFILE_EXCLUSIVE_LOCK = 0x2;
const ERROR_LOCK_VIOLATION = 33;

/** Tries to take or release an exclusive lock on an open descriptor. */
export interface FlockApi {
  /** True when the lock was taken, false when someone else holds it. */
  tryLockExclusive(fd: number): boolean;
  unlock(fd: number): void;
}

let api: Promise<FlockApi> | undefined;

/**
 * The platform's lock calls, loaded on first use (koffi is a native module:
 * the app starts faster when it is loaded only when a write needs it).
 */
export function flockApi(): Promise<FlockApi> {
  api ??= import('koffi').then(({ default: koffi }) =>
    process.platform === 'win32' ? loadWindows(koffi) : loadPosix(koffi),
  );
  return api;
}

function loadPosix(koffi: typeof Koffi): FlockApi {
  const libc = koffi.load(
    process.platform === 'darwin' ? 'libSystem.B.dylib' : 'libc.so.6',
  );
  const flock = libc.func('int flock(int fd, int operation)');
  // EWOULDBLOCK is EAGAIN: 11 on Linux, 35 on macOS and the BSDs.
  const wouldBlock = process.platform === 'linux' ? 11 : 35;

  return {
    tryLockExclusive(fd) {
      if (flock(fd, LOCK_EX | LOCK_NB) === 0) return true;
      const errno = koffi.errno();
      if (errno === wouldBlock) return false;
      throw new Error(`flock failed with errno ${errno}`);
    },
    unlock(fd) {
      flock(fd, LOCK_UN);
    },
  };
}

// TODO(windows): this path follows the Rust standard library (LockFileEx on
// the whole file) but has not run on Windows yet; a Windows CI job would
// settle it.
function loadWindows(koffi: typeof Koffi): FlockApi {
  const kernel32 = koffi.load('kernel32.dll');
  const ucrt = koffi.load('ucrtbase.dll');
  koffi.struct('CA_OVERLAPPED', {
    Internal: 'uintptr_t',
    InternalHigh: 'uintptr_t',
    Offset: 'uint32_t',
    OffsetHigh: 'uint32_t',
    hEvent: 'void *',
  });
  const getHandle = ucrt.func('intptr_t _get_osfhandle(int fd)');
  const lockFileEx = kernel32.func(
    'int __stdcall LockFileEx(intptr_t h, uint32_t flags, uint32_t reserved, uint32_t low, uint32_t high, _Inout_ CA_OVERLAPPED *o)',
  );
  const unlockFileEx = kernel32.func(
    'int __stdcall UnlockFileEx(intptr_t h, uint32_t reserved, uint32_t low, uint32_t high, _Inout_ CA_OVERLAPPED *o)',
  );
  const getLastError = kernel32.func('uint32_t __stdcall GetLastError()');
  const region = () => ({
    Internal: 0,
    InternalHigh: 0,
    Offset: 0,
    OffsetHigh: 0,
    hEvent: null,
  });

  return {
    tryLockExclusive(fd) {
      const flags = LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY;
      const ok = lockFileEx(
        getHandle(fd),
        flags,
        0,
        0xffffffff,
        0xffffffff,
        region(),
      );
      if (ok !== 0) return true;
      const error = getLastError();
      if (error === ERROR_LOCK_VIOLATION) return false;
      throw new Error(`LockFileEx failed with error ${error}`);
    },
    unlock(fd) {
      unlockFileEx(getHandle(fd), 0, 0xffffffff, 0xffffffff, region());
    },
  };
}
