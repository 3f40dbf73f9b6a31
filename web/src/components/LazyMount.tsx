import { useEffect, useRef, useState } from 'react';

/**
 * Renders its children once they come near the viewport (then keeps them). A unit with forty items on
 * one screen sees the first ones at once instead of waiting for all of them; a phone benefits most.
 */
export function LazyMount({ children, eager, placeholderHeight = 320, ...rest }: { children: React.ReactNode; eager?: boolean; placeholderHeight?: number } & React.HTMLAttributes<HTMLDivElement>) {
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(!!eager || typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (shown) return;
    const el = ref.current!;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          observer.disconnect();
        }
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [shown]);
  return (
    <div ref={ref} {...rest} style={{ ...(shown ? {} : { minHeight: placeholderHeight }), ...rest.style }}>
      {shown ? children : null}
    </div>
  );
}
