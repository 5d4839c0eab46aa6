import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: ReactNode;
  /** Escape asks this; it is not called while `busy`. */
  onCancel: () => void;
  busy?: boolean;
  /** Classes besides `dialog` (e.g. `dialog-wide`). */
  className?: string;
  /** The id of the element that says what the dialog asks (a question's body). */
  describedBy?: string;
  children: ReactNode;
}

/** A modal dialog with its title; mount it to open, unmount it to close. */
export function Modal({
  title,
  onCancel,
  busy = false,
  className,
  describedBy,
  children,
}: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
