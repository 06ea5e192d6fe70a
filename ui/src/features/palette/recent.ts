// The companies a person opened last, per connection and account, newest first; kept in the
// webview's local storage (nothing secret: ids only).

const MAX = 5;
const storageKey = (conn: string, acc: string) => `trackerDesk.recentCompanies.${conn}.${acc}`;

export function recentCompanies(conn: string, acc: string): string[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey(conn, acc)) ?? '[]');
    return Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCompany(conn: string, acc: string, company: string) {
  const next = [company, ...recentCompanies(conn, acc).filter((id) => id !== company)].slice(0, MAX);
  try {
    localStorage.setItem(storageKey(conn, acc), JSON.stringify(next));
  } catch {
    // A full or refused storage only loses the convenience.
  }
}
