import { Button } from 'antd';
import { useState } from 'react';

/**
 * Long text cut to a few lines by CSS, with a toggle. Unlike Typography's ellipsis it measures nothing,
 * so a screen with dozens of work items renders at once.
 */
export function ClampedText({ text, lines = 2, style }: { text: string; lines?: number; style?: React.CSSProperties }) {
  const [open, setOpen] = useState(false);
  const long = text.length > lines * 40;
  return (
    <div style={style}>
      <div
        style={
          open || !long
            ? undefined
            : { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: lines, overflow: 'hidden' }
        }
      >
        {text}
      </div>
      {long ? (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? '收起' : '展开全文'}
        </Button>
      ) : null}
    </div>
  );
}
