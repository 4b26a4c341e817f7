// Vite's types for what the bundler handles itself, such as importing a
// stylesheet for its side effect.
/// <reference types="vite/client" />
