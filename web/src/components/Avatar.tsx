/** A round badge with the user's initial, its colour derived from the name. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return (
    <span className={`avatar avatar-${size} hue-${hash % 8}`} aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
