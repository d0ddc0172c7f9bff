// Pagination: every page of a List or Describe call, each asked with the token the last one gave.

/** Every page of a paginated call: `page` asks for one page from a token and says the next. */
export async function allPages<T>(page: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    // One by one: a spread of a crafted page of 200,000 items overflows the stack.
    for (const item of out.items ?? []) items.push(item);
    token = out.next;
  } while (token);
  return items;
}
