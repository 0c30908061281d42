/** Files from the API (letters, forms, attachments) saved the way a browser saves a download. */
import { authorizedFetch } from './client'

/** The file name a Content-Disposition header gives (RFC 6266 `filename*` first), or null. */
export function filenameFrom(header: string | null): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : null
}

/** Fetch `url` with the signed-in user's token and save it; throws an ApiProblem on refusal. */
export async function downloadFile(url: string, fallbackName = '下载文件'): Promise<string> {
  const response = await authorizedFetch(url)
  const name = filenameFrom(response.headers.get('Content-Disposition')) ?? fallbackName
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return name
}
