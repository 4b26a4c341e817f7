// The renderer runs sandboxed and talks to main only through the preload
// bridge. `electron` is mapped here in tsconfig.web.json so that an import of
// it fails to compile instead of silently pulling in Node's globals.
export {};
