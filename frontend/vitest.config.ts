import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['tests/unit/**/*.spec.ts'],
      environment: 'happy-dom',
      testTimeout: 60_000,
    },
  }),
)
