import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../../i18n';
import './overlays.css';
import { Phrases } from '../../common/phrases/Phrases';

/**
 * A modal built on <dialog>: the browser traps focus, Escape closes it, and focus returns to
 * the button that opened it. Mount it to open it; onClose unmounts it.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useT();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="dialog__body">
        <h2 id={titleId} className="dialog__title">
          <Phrases text={title} />
        </h2>
        {children}
        <button type="button" className="button dialog__cancel" onClick={onClose}>
          {t('card.cancel')}
        </button>
      </div>
    </dialog>
  );
}
