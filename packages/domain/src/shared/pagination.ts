export const maxPageSize = 100;
export const defaultPageSize = 25;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const pageSize = (limit: number | undefined): number =>
  Math.min(Math.max(limit ?? defaultPageSize, 1), maxPageSize);
