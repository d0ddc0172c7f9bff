// Pagination: every page of a List or Describe call, each asked with the token the last one gave.

type Page<T> = (token?: string) => Promise<{ items?: T[]; next?: string }>;

/** Each page of a paginated call as it comes: `page` asks for one page from a token and says the next. */
export async function* eachPage<T>(page: Page<T>): AsyncGenerator<T[]> {
  let token: string | undefined;
  do {
    const out = await page(token);
    yield out.items ?? [];
    token = out.next;
  } while (token);
}

/** Every page of a paginated call, in one list. */
export async function allPages<T>(page: Page<T>): Promise<T[]> {
  const items: T[] = [];
  // One by one: a spread of a crafted page of 200,000 items overflows the stack.
  for await (const got of eachPage(page)) for (const item of got) items.push(item);
  return items;
}
