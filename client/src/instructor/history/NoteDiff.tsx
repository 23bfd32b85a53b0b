import type { TextPart } from '@isms/shared';

/** A note then → now, character by character: removed text struck through, added underlined. */
export function NoteDiff(props: { parts: TextPart[] }) {
  return (
    <p className="note-diff">
      {props.parts.map((part, index) =>
        part.kind === 'added' ? (
          <ins key={index}>{part.text}</ins>
        ) : part.kind === 'removed' ? (
          <del key={index}>{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
