import type { Metadata } from 'next'
import { NavLink } from '@/components/nav-link'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'evm-stress', template: '%s · evm-stress' },
  description: 'Stress-test EVM nodes and contracts: many transactions, many accounts, every fate recorded.',
}

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <div className="container topbar-inner">
            <span className="brand">evm-stress</span>
            <nav className="nav" aria-label="Main">
              <NavLink href="/">Home</NavLink>
              <NavLink href="/test">New test</NavLink>
              <NavLink href="/runs">Runs</NavLink>
            </nav>
          </div>
        </header>
        <main className="container">{children}</main>
      </body>
    </html>
  )
}
