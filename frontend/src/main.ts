import 'dayjs/locale/zh-cn'
import dayjs from 'dayjs'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { configureClient } from './api/client'
import { useAuthStore } from './features/auth/store'
import { createBanliRouter } from './router'
import { pendingRedirect, pendingStep } from './router/guard'
import './styles/main.css'
// ElMessage is called from code (not a template), so the on-demand resolver never adds its style.
import 'element-plus/es/components/message/style/css'

dayjs.locale('zh-cn')

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)

const auth = useAuthStore(pinia)
const router = createBanliRouter(auth)
configureClient({
  token: () => auth.currentToken(),
  onUnauthorized: () => {
    if (!auth.token) return
    auth.logout()
    const here = router.currentRoute.value
    if (!here.meta.public) void router.replace({ name: 'login', query: { redirect: here.fullPath } })
  },
  // A step owed meanwhile (the password expired while the portal was open): take it first.
  onPending: (step) => {
    auth.owe(step)
    const owed = pendingRedirect(router.currentRoute.value, pendingStep(auth))
    if (owed) void router.replace(owed)
  },
})

app.use(router)
app.mount('#app')

// A stored session may have been revoked meanwhile: re-read the user (a 401 signs out), and
// what the API says is owed first (动态口令 to bind, a password to change): check the page again.
if (auth.isAuthenticated) {
  Promise.all([auth.refreshUser(), router.isReady()])
    .then(() => {
      const owed = pendingRedirect(router.currentRoute.value, pendingStep(auth))
      if (owed) return router.replace(owed)
    })
    .catch(() => {})
}
