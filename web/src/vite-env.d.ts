/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin for a build served from another origin (a CDN); empty for the same origin. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
