import Link from 'next/link'

export default function NotFound() {
  return (
    <section className="card" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is no such page or run.</p>
      <p>
        <Link href="/runs">See all runs</Link>
      </p>
    </section>
  )
}
