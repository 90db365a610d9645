import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The app always loads the built UI from ui/dist (see src-tauri/tauri.conf.json); `npm run dev`
// is only for working on the UI in a browser, where backend.ts reports that Rust is absent.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // Nothing becomes an inline data: URL; the CSP serves scripts and styles from 'self' only.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
