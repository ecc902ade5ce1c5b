'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

/** A nav entry that marks itself current; "/runs" stays current on a run's own page. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname()
  const current = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
  return (
    <Link href={href} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  )
}
